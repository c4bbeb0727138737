using LiveOrders.Core;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Organization;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// The read log as filtered on its page (<c>/control/reads/export?format=xlsx|csv&amp;from=ГГГГ-ММ-ДД&amp;to=ГГГГ-ММ-ДД&amp;text=…</c>).
/// Core decides who may have it, as for the page: a refusal is a 403 ProblemDetails in Russian, a bad filter a 400.
/// </summary>
public static class ReadLogExportDownload
{
    public const string Pattern = "/control/reads/export";
    public const string BadFilter = "Фильтр выгрузки указан неверно: даты from и to нужны в виде ГГГГ-ММ-ДД.";

    /// <summary>The download's address for the filter the page has applied.</summary>
    public static string Url(ExportFormat format, DateOnly? from, DateOnly? to, string? text)
    {
        var query = new Dictionary<string, string?>
        {
            ["format"] = format.ToString().ToLowerInvariant(),
            ["from"] = from is { } f ? QueryDay.Write(f) : null,
            ["to"] = to is { } t ? QueryDay.Write(t) : null,
            ["text"] = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Pattern, query.Where(p => p.Value is not null));
    }

    public static void MapReadLogExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Pattern, async (HttpContext http, ActorDirectory directory, ReadLogExports exports, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor || !LiveOrders.Core.Orders.OrderPolicy.CanSeeReadLog(actor))
                return ControlExportDownload.Forbidden(LiveOrders.Core.Orders.OrderPolicy.ReadLogRefusal);
            var q = http.Request.Query;
            if (ExportFormats.Parse(q["format"]) is not { } format) return OrderExportDownloads.BadRequest("Укажите формат выгрузки: xlsx или csv.");
            if (!QueryDay.TryReadOptional(q["from"], out var from) || !QueryDay.TryReadOptional(q["to"], out var to)) return OrderExportDownloads.BadRequest(BadFilter);
            var result = await exports.ExportAsync(actor, from, to, q["text"], format, ct);
            return result switch
            {
                { Ok: true } => OrderExportDownloads.Send(http, result.Value!),
                { Failure: Failure.Forbidden } => ControlExportDownload.Forbidden(result.Message),
                _ => OrderExportDownloads.BadRequest(result.Message ?? BadFilter),
            };
        }).RequireAuthorization().ExcludeFromDescription();
}
