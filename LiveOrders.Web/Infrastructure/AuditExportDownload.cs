using System.Globalization;
using LiveOrders.Core;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Organization;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// The audit log as filtered on its page (<c>/audit/export</c>, the page's filter in the query string), as xlsx or CSV.
/// Someone who may not read the log gets a 404, as for a page that is not there.
/// </summary>
public static class AuditExportDownload
{
    public const string Pattern = "/audit/export";

    public static string Url(ExportFormat format, AuditFilter filter)
    {
        var query = new Dictionary<string, string?>
        {
            ["format"] = format.ToString().ToLowerInvariant(),
            ["from"] = filter.From is { } from ? QueryDay.Write(from) : null,
            ["to"] = filter.To is { } to ? QueryDay.Write(to) : null,
            ["kind"] = filter.Kind?.ToString(),
            ["person"] = Blank(filter.Person),
            ["text"] = Blank(filter.Text),
            ["address"] = Blank(filter.Address),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Pattern, query.Where(p => p.Value is not null));
    }

    public static void MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Pattern, async (HttpContext http, ActorDirectory directory, AuditExports exports, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor || !AccessPolicy.CanViewAudit(actor)) return Results.NotFound();
            var q = http.Request.Query;
            if (ExportFormats.Parse(q["format"]) is not { } format) return OrderExportDownloads.BadRequest("Укажите формат выгрузки: xlsx или csv.");
            if (!QueryDay.TryReadOptional(q["from"], out var from) || !QueryDay.TryReadOptional(q["to"], out var to) || !Kind(q["kind"], out var kind))
                return OrderExportDownloads.BadRequest("Фильтр выгрузки указан неверно.");
            var result = await exports.ExportAsync(actor, new AuditFilter(from, to, kind, q["person"], q["text"], q["address"]), format, ct);
            return result.Ok ? OrderExportDownloads.Send(http, result.Value!) : Results.NotFound();
        }).RequireAuthorization().ExcludeFromDescription();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool Kind(string? value, out AuditKind? kind)
    {
        kind = null;
        if (string.IsNullOrEmpty(value)) return true;
        if (!Enum.TryParse<AuditKind>(value, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed)) return false;
        kind = parsed;
        return true;
    }
}
