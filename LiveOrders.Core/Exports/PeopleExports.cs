using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;

namespace LiveOrders.Core.Exports;

/// <summary>
/// The administration's list of people as filtered (<c>/admin/people</c>), as xlsx or CSV: every row the page's own query
/// (<see cref="PeopleAdministration.ListAsync"/>) gives for the same filter, in its order, with the page's refusal for
/// anyone but an administrator. Never a password or anything of one.
/// </summary>
public sealed class PeopleExports(PeopleAdministration people, MunicipalTime time)
{
    public static readonly string[] Headers = ["ФИО", "Должность", "Логин", "E-mail", "Подразделение", "Роль", "Состояние"];

    public async Task<Result<ExportFile>> ExportAsync(Actor actor, PeopleFilter filter, ExportFormat format, CancellationToken ct = default)
    {
        var found = await people.ListAsync(actor, filter, ct);
        if (!found.Ok) return Result<ExportFile>.From(found);
        var table = new ExportTable("Сотрудники", Headers, found.Value!.Select(p => (IReadOnlyList<object?>)
            [p.FullName, p.Position, p.Login ?? "", p.Email ?? "", p.Department, p.Role.Russian(), State(p)]).ToList());
        var name = $"Сотрудники_{time.LocalNow:yyyy-MM-dd}";
        return format switch
        {
            ExportFormat.Xlsx => new ExportFile(XlsxExport.Write([table]), ExportFormats.XlsxType, name + ".xlsx"),
            _ => new ExportFile(CsvExport.Write([table]), ExportFormats.CsvType, name + ".csv"),
        };
    }

    /// <summary>As the page's «Состояние» column says it.</summary>
    public static string State(PersonRow person) => !person.IsActive ? "отключён" : person.IsLockedOut ? "заблокирован" : "действует";
}
