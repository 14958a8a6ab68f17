package io.orgvault.web.api;

/** The body of every error response: a stable code to branch on and a sentence for people. */
public record ApiError(String error, String message) {}
