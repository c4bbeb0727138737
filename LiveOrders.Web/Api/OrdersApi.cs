using LiveOrders.Core;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Web.Infrastructure;

namespace LiveOrders.Web.Api;

/// <summary>Versioned read API (/api/v1). Scoped by the same policy as the pages: what you cannot see is 404.</summary>
public static class OrdersApi
{
    public static void MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").RequireAuthorization();

        v1.MapGet("/orders", async (HttpContext http, ActorDirectory directory, OrderQueries queries,
            string? search, OrderStatus? status, OrderScope? scope, int? skip, int? take, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var page = await queries.ListAsync(actor,
                new OrderFilter(scope ?? OrderScope.All, search, status, Skip: skip ?? 0, Take: take ?? 50), ct);
            return Results.Ok(page);
        });

        v1.MapGet("/orders/{id:int}", async (int id, HttpContext http, ActorDirectory directory, OrderQueries queries, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var result = await queries.GetAsync(actor, id, ct);
            return result.Ok ? Results.Ok(result.Value) : Problem(result);
        });
    }

    internal static IResult Problem(Result result) => Results.Problem(
        detail: result.Message,
        statusCode: result.Failure switch
        {
            Failure.NotFound => StatusCodes.Status404NotFound,
            Failure.Forbidden => StatusCodes.Status403Forbidden,
            Failure.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        },
        title: result.Failure switch
        {
            Failure.NotFound => "Не найдено",
            Failure.Forbidden => "Нет доступа",
            Failure.Conflict => "Конфликт изменений",
            _ => "Некорректный запрос",
        });

    private static IResult NoEmployee() => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Нет доступа",
        detail: "Учётная запись не привязана к сотруднику администрации.");
}
