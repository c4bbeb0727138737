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
        MapWrites(v1);

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

    /// <summary>Writes: the same use cases as the pages, so the same rules, history and live events.</summary>
    private static void MapWrites(RouteGroupBuilder v1)
    {
        v1.MapPost("/orders", async (CreateOrderRequest body, HttpContext http, ActorDirectory directory, OrderService orders, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var result = await orders.CreateAsync(actor, new NewOrder(body.Title, body.Text, body.DepartmentIds ?? [], body.Priority ?? Priority.Normal,
                body.DueAt.UtcDateTime, body.OnControl, body.Send ?? true, body.ResponsibleId, body.ParentId), ct);
            return result.Ok ? Results.Ok(result.Value) : Problem(result);
        });

        v1.MapPost("/orders/{id:int}/comments", async (int id, CommentRequest body, HttpContext http, ActorDirectory directory, OrderService orders, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var result = await orders.CommentAsync(actor, id, body.Text, body.Mentions, ct);
            return result.Ok ? Results.Ok(new { id = result.Value }) : Problem(result);
        });

        v1.MapPost("/orders/{id:int}/transitions", async (int id, TransitionRequest body, HttpContext http, ActorDirectory directory, OrderService orders, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            // Without this an absent action would run as the enum's first value, Send.
            if (body.Action is null)
                return Problem(Result.Invalid("Укажите действие (action), например «Accept»."));
            if (body.ToCommand() is not { } command)
                return Problem(Result.Invalid($"Неизвестное или неполное действие «{body.Action}»."));
            var result = await orders.ExecuteAsync(actor, id, body.Version, command, ct);
            return result.Ok ? Results.Ok(new { version = result.Value }) : Problem(result);
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
        },
        // The field at fault, so a client can show the message beside it, as the form does.
        extensions: result.Field is { } field ? new Dictionary<string, object?> { ["field"] = field } : null);

    private static IResult NoEmployee() => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Нет доступа",
        detail: "Учётная запись не привязана к сотруднику администрации.");
}

public sealed record CreateOrderRequest(string? Title, string? Text, int[]? DepartmentIds, Priority? Priority, DateTimeOffset DueAt,
    bool OnControl = false, bool? Send = true, int? ResponsibleId = null, int? ParentId = null);

public sealed record CommentRequest(string? Text, int[]? Mentions = null);

/// <summary>A transition by name, with the version the client last saw and what the action needs.</summary>
public sealed record TransitionRequest(OrderAction? Action, int Version, string? Reason = null, int? DepartmentId = null,
    int? ResponsibleId = null, int[]? CoExecutorIds = null, int? Mark = null, DateTimeOffset? DueAt = null, bool? Approve = null)
{
    public OrderCommand? ToCommand() => Action switch
    {
        OrderAction.Send => new SendOrder(DepartmentId),
        OrderAction.Accept => new AcceptOrder(),
        OrderAction.Assign when ResponsibleId is { } r => new AssignOrder(r, CoExecutorIds),
        OrderAction.Forward when DepartmentId is { } d => new ForwardOrder(d, Reason),
        OrderAction.Decline => new DeclineOrder(Reason),
        OrderAction.Submit => new SubmitOrder(Reason),
        OrderAction.Approve => new ApproveOrder(Mark),
        OrderAction.Return => new ReturnOrder(Reason),
        OrderAction.RequestExtension when DueAt is { } due => new RequestExtension(due.UtcDateTime, Reason),
        OrderAction.DecideExtension when Approve is { } yes => new DecideExtension(yes, Reason),
        OrderAction.Cancel => new CancelOrder(Reason),
        _ => null,
    };
}
