namespace LiveOrders.Core.Organization.Import;

/// <summary>The two tables an import file may hold: a sheet each in a workbook, or one per CSV file.</summary>
public enum ImportSheet
{
    Departments,
    People,
}

public static class ImportSheetNames
{
    public static string Russian(this ImportSheet sheet) => sheet switch
    {
        ImportSheet.Departments => "Подразделения",
        ImportSheet.People => "Сотрудники",
        _ => sheet.ToString(),
    };
}

/// <summary>A row of the file, as the administrator sees it in Excel: the sheet and the row number.</summary>
public readonly record struct RowRef(ImportSheet Sheet, int Row);
