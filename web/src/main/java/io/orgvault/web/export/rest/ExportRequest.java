package io.orgvault.web.export.rest;

import java.util.List;

/**
 * An export: {@code source} {@code object} ({@code object}, {@code backup}: default the latest),
 * {@code compare} ({@code from}, {@code to}, filters {@code objects}, {@code kinds}, {@code
 * fields}) or {@code backup} ({@code backup}: default the latest). The file name is the service's.
 */
public record ExportRequest(
    String source,
    Long backup,
    String object,
    Long from,
    Long to,
    List<String> objects,
    List<String> kinds,
    List<String> fields) {}
