using LiveOrders.Core.Exports;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.Net.Http.Headers;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// Downloads of an order list as it is filtered (<c>/orders/export</c>, the list's own filter in the query string) and of
/// one order with its history (<c>/orders/{id}/export</c>), for people signed in. What a file holds is what its reader
/// may see: the list goes through the same query as the screen, and an order someone may not see is the same 404 as one
/// that does not exist.
/// </summary>
public static class OrderExportDownloads
{
    public const string ListPattern = "/orders/export";
    public const string OrderPattern = "/orders/{orderId:int}/export";

    /// <summary>The list export's address for a list's current filter and sort.</summary>
    public static string ListUrl(ExportFormat format, OrderScope scope, string? search, OrderStatus? status, Priority? priority,
        bool overdueOnly, bool openOnly, OrderSort? sort)
    {
        var query = new Dictionary<string, string?>
        {
            ["format"] = format.ToString().ToLowerInvariant(),
            ["scope"] = scope.ToString().ToLowerInvariant(),
            ["search"] = string.IsNullOrWhiteSpace(search) ? null : search,
            ["status"] = status?.ToString(),
            ["priority"] = priority?.ToString(),
            ["overdue"] = overdueOnly ? "1" : null,
            ["open"] = openOnly ? "1" : null,
            ["sort"] = sort is { Key: not OrderSortKey.Default } s ? s.Key.ToString() : null,
            ["desc"] = sort?.Descending == true ? "1" : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(ListPattern, query.Where(p => p.Value is not null));
    }

    public static string OrderUrl(int orderId, ExportFormat format) => $"/orders/{orderId}/export?format={format.ToString().ToLowerInvariant()}";

    public static void MapOrderExports(this IEndpointRouteBuilder app)
    {
        app.MapGet(ListPattern, async (HttpContext http, ActorDirectory directory, OrderExports exports, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return Results.NotFound();
            var q = http.Request.Query;
            if (ExportFormats.Parse(q["format"]) is not { } format) return BadRequest("Укажите формат выгрузки: xlsx или csv.");
            if (!Enum.TryParse<OrderScope>(q["scope"].ToString() is { Length: > 0 } sc ? sc : "Department", ignoreCase: true, out var scope)
                || !Optional<OrderStatus>(q["status"], out var status) || !Optional<Priority>(q["priority"], out var priority))
                return BadRequest("Фильтр выгрузки указан неверно.");
            var filter = new OrderFilter(scope, q["search"], status, priority, OverdueOnly: q["overdue"] == "1", OpenOnly: q["open"] == "1",
                Sort: OrderSort.ByColumn(q["sort"], q["desc"] == "1"));
            return Send(http, await exports.ListAsync(actor, filter, format, ct));
        }).RequireAuthorization().ExcludeFromDescription();

        app.MapGet(OrderPattern, async (int orderId, HttpContext http, ActorDirectory directory, OrderExports exports, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return Results.NotFound();
            if (ExportFormats.Parse(http.Request.Query["format"]) is not { } format) return BadRequest("Укажите формат выгрузки: xlsx или csv.");
            return await exports.OrderAsync(actor, orderId, format, ct) is { } file ? Send(http, file) : Results.NotFound();
        }).RequireAuthorization().ExcludeFromDescription();
    }

    private static bool Optional<T>(string? value, out T? parsed) where T : struct, Enum
    {
        parsed = null;
        if (string.IsNullOrEmpty(value)) return true;
        if (!Enum.TryParse<T>(value, ignoreCase: true, out var v) || !Enum.IsDefined(v)) return false;
        parsed = v;
        return true;
    }

    internal static IResult BadRequest(string message) =>
        Results.Problem(title: "Неверный запрос", detail: message, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>As a download under its name (an ASCII fallback and RFC 5987 <c>filename*</c>), never cached.</summary>
    internal static IResult Send(HttpContext http, ExportFile file)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.FileName);
        var headers = http.Response.Headers;
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        return Results.Bytes(file.Content, file.ContentType);
    }
}
