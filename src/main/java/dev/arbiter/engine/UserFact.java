package dev.arbiter.engine;

/**
 * An account named by the alert, with what the context knows about it.
 *
 * @param name           account name as the alert gave it
 * @param privileged     holds administrative rights
 * @param serviceAccount a non-human account
 * @param vip            an executive or other high-value person
 * @param known          whether the identity inventory knows the account
 */
public record UserFact(String name, boolean privileged, boolean serviceAccount, boolean vip, boolean known) {

    public String getName() {
        return name;
    }

    public boolean isPrivileged() {
        return privileged;
    }

    public boolean isServiceAccount() {
        return serviceAccount;
    }

    public boolean isVip() {
        return vip;
    }

    public boolean isKnown() {
        return known;
    }
}
