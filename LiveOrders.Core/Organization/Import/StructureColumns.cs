namespace LiveOrders.Core.Organization.Import;

/// <summary>
/// The columns of the two tables, by their Russian headers (the template's), with the other spellings people
/// type. A header matches whatever the case, spaces, «ё» or a trailing «*».
/// </summary>
public static class StructureColumns
{
    public const string DepartmentName = "Название";
    public const string DepartmentShortName = "Краткое название";
    public const string DepartmentParent = "Вышестоящее подразделение";
    public const string DepartmentCurator = "Куратор (логин)";

    public const string Login = "Логин";
    public const string FullName = "ФИО";
    public const string Position = "Должность";
    public const string Email = "E-mail";
    public const string Department = "Подразделение";
    public const string Role = "Роль";
    public const string Supervises = "Курирует";

    public static readonly IReadOnlyList<string> DepartmentHeaders = [DepartmentName, DepartmentShortName, DepartmentParent, DepartmentCurator];
    public static readonly IReadOnlyList<string> PeopleHeaders = [Login, FullName, Position, Email, Department, Role, Supervises];

    /// <summary>Columns a table cannot do without: their absence is an error of the file, not of each row.</summary>
    public static IReadOnlyList<string> RequiredOf(ImportSheet sheet) => sheet == ImportSheet.Departments
        ? [DepartmentName, DepartmentShortName]
        : [Login, FullName, Position, Department, Role];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["наименование"] = DepartmentName,
        ["название подразделения"] = DepartmentName,
        ["краткое наименование"] = DepartmentShortName,
        ["сокращенное название"] = DepartmentShortName,
        ["вышестоящее"] = DepartmentParent,
        ["родитель"] = DepartmentParent,
        ["родительское подразделение"] = DepartmentParent,
        ["куратор"] = DepartmentCurator,
        ["логин куратора"] = DepartmentCurator,
        ["фамилия имя отчество"] = FullName,
        ["полное имя"] = FullName,
        ["email"] = Email,
        ["e-mail"] = Email,
        ["почта"] = Email,
        ["эл. почта"] = Email,
        ["электронная почта"] = Email,
        ["курирует подразделения"] = Supervises,
    };

    /// <summary>The column a header names in <paramref name="sheet"/>, or null for a column the import ignores.</summary>
    public static string? Match(ImportSheet sheet, string header)
    {
        var key = Normalize(header);
        var known = sheet == ImportSheet.Departments ? DepartmentHeaders : PeopleHeaders;
        var canonical = known.FirstOrDefault(h => Normalize(h) == key) ?? Aliases.GetValueOrDefault(key);
        return canonical is not null && known.Contains(canonical) ? canonical : null;
    }

    internal static string Normalize(string text) =>
        string.Join(' ', text.Trim().TrimEnd('*').Trim().ToLowerInvariant().Replace('ё', 'е')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
