using System.Globalization;
using LiveOrders.Core;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Organization;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// The people list as filtered on its page (<c>/admin/people/export?format=xlsx|csv&amp;text=…&amp;department=N&amp;role=…&amp;active=true|false|all</c>,
/// no <c>active</c> meaning the page's default, the active ones). Administrators only, decided in Core as for the page:
/// anyone else gets a 403 ProblemDetails in Russian, a bad filter a 400.
/// </summary>
public static class PeopleExportDownload
{
    public const string Pattern = "/admin/people/export";
    public const string BadFilter = "Фильтр выгрузки сотрудников указан неверно.";

    public static string Url(ExportFormat format, PeopleFilter filter)
    {
        var query = new Dictionary<string, string?>
        {
            ["format"] = format.ToString().ToLowerInvariant(),
            ["text"] = string.IsNullOrWhiteSpace(filter.Text) ? null : filter.Text.Trim(),
            ["department"] = filter.DepartmentId?.ToString(CultureInfo.InvariantCulture),
            ["role"] = filter.Role?.ToString(),
            ["active"] = filter.Active switch { true => "true", false => "false", null => "all" },
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Pattern, query.Where(p => p.Value is not null));
    }

    public static void MapPeopleExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Pattern, async (HttpContext http, ActorDirectory directory, PeopleExports exports, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor || !AccessPolicy.CanManageOrganization(actor))
                return ControlExportDownload.Forbidden("Видеть список сотрудников может только администратор.");
            var q = http.Request.Query;
            if (ExportFormats.Parse(q["format"]) is not { } format) return OrderExportDownloads.BadRequest("Укажите формат выгрузки: xlsx или csv.");
            if (!Department(q["department"], out var department) || !Role(q["role"], out var role) || !Active(q["active"], out var active))
                return OrderExportDownloads.BadRequest(BadFilter);
            var result = await exports.ExportAsync(actor, new PeopleFilter(q["text"], department, role, active), format, ct);
            return result switch
            {
                { Ok: true } => OrderExportDownloads.Send(http, result.Value!),
                { Failure: Failure.Forbidden } => ControlExportDownload.Forbidden(result.Message),
                _ => OrderExportDownloads.BadRequest(result.Message ?? BadFilter),
            };
        }).RequireAuthorization().ExcludeFromDescription();

    private static bool Department(string? value, out int? id)
    {
        id = null;
        if (string.IsNullOrEmpty(value)) return true;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return false;
        id = parsed;
        return true;
    }

    private static bool Role(string? value, out Role? role)
    {
        role = null;
        if (string.IsNullOrEmpty(value)) return true;
        if (int.TryParse(value, out _) || !Enum.TryParse<Role>(value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)) return false;
        role = parsed;
        return true;
    }

    private static bool Active(string? value, out bool? active)
    {
        active = value switch { null or "" or "true" => true, "false" => false, _ => null };
        return value is null or "" or "true" or "false" or "all";
    }
}
