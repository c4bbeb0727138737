namespace LiveOrders.Core.Exports;

/// <summary>
/// A table to export, one sheet of an xlsx or one block of a CSV. Its values are text, whole numbers, fractions
/// (<see cref="double"/>, rounded as they should be shown), or dates already in the municipality's zone (<see cref="DateTime"/>
/// of kind Unspecified, or a whole day as <see cref="DateOnly"/>): a date stays a date cell in a spreadsheet.
/// <paramref name="Above"/> and <paramref name="Below"/>: lines of text an xlsx sheet shows above the header row (a
/// document's title) and under the rows (its signatures); CSV leaves them out.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows,
    IReadOnlyList<string>? Above = null, IReadOnlyList<string>? Below = null);

/// <summary>A file to send: its bytes, its media type and the name it is saved under.</summary>
public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

public enum ExportFormat
{
    Xlsx,
    Csv,
}

public static class ExportFormats
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvType = "text/csv; charset=utf-8";

    /// <summary>The format a query string names («xlsx», «csv»), or none for anything else.</summary>
    public static ExportFormat? Parse(string? value) => value?.ToLowerInvariant() switch
    {
        "xlsx" => ExportFormat.Xlsx,
        "csv" => ExportFormat.Csv,
        _ => null,
    };
}
