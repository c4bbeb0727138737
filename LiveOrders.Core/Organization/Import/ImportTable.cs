namespace LiveOrders.Core.Organization.Import;

/// <summary>One table as read from the file: each data row's number (as Excel shows it) and its cells by column.</summary>
public sealed record ImportTable(ImportSheet Sheet, IReadOnlyList<ImportTableRow> Rows);

public sealed record ImportTableRow(int Row, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>The cell's text, trimmed; empty when the column or the cell is absent.</summary>
    public string this[string column] => Cells.TryGetValue(column, out var value) ? value : "";
}
