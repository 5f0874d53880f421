package io.jvswitch.ovsdb.ctl;

/**
 * How {@code list} and {@code find} print their rows (OVS {@code lib/table.man}): the layout
 * ({@code --format=list|table|csv|json|html}), how cell values are written ({@code --data=string|bare|json})
 * and whether column headings are printed. {@code --bare} is list + bare + no headings.
 */
final class TableStyle {
    /** Output layouts. */
    enum Format { LIST, TABLE, CSV, JSON, HTML }

    /** Cell encodings. */
    enum Data { STRING, BARE, JSON }

    Format format = Format.LIST;
    Data data = Data.STRING;
    boolean headings = true;
    boolean pretty;

    /**
     * Applies {@code --format=value}.
     *
     * @throws CtlException for an unknown format
     */
    void format(String value) {
        switch (value) {
            case "list":
                format = Format.LIST;
                break;
            case "table":
                format = Format.TABLE;
                break;
            case "csv":
                format = Format.CSV;
                break;
            case "json":
                format = Format.JSON;
                break;
            case "html":
                format = Format.HTML;
                break;
            default:
                throw new CtlException("unknown output format \"" + value + "\"");
        }
    }

    /**
     * Applies {@code --data=value}.
     *
     * @throws CtlException for an unknown data format
     */
    void data(String value) {
        switch (value) {
            case "string":
                data = Data.STRING;
                break;
            case "bare":
                data = Data.BARE;
                break;
            case "json":
                data = Data.JSON;
                break;
            default:
                throw new CtlException("unknown data format \"" + value + "\"");
        }
    }

    /** Applies {@code --bare}. */
    void bare() {
        format = Format.LIST;
        data = Data.BARE;
        headings = false;
    }
}
