// Completes sign-in through the identity provider: posts the one-time hand-off form as soon as the page loads.
document.addEventListener('DOMContentLoaded', () => document.getElementById('handoff').submit());
