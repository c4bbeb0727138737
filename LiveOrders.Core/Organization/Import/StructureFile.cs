namespace LiveOrders.Core.Organization.Import;

/// <summary>What an import file holds: either table may be absent (a CSV holds one).</summary>
public sealed record StructureFile(string FileName, ImportTable? Departments, ImportTable? People)
{
    public int RowCount => (Departments?.Rows.Count ?? 0) + (People?.Rows.Count ?? 0);
}

/// <summary>The file cannot be read at all: not xlsx or CSV, corrupt, too big. The message is for the administrator.</summary>
public sealed class ImportFileException(string message) : Exception(message);
