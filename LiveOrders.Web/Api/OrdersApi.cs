using LiveOrders.Core;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Web.Infrastructure;

namespace LiveOrders.Web.Api;

/// <summary>
/// Versioned API (/api/v1) for other systems and scripts: a person's cookie, an API key or a token. Scoped by the same
/// policy as the pages (what you cannot see is 404), narrowed further by a key's or token's scope. Every endpoint carries
/// its Russian description for the OpenAPI document (a test refuses an undocumented one).
/// </summary>
public static class OrdersApi
{
    public static void MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").RequireAuthorization().RequireRateLimiting(ApiRateLimit.Name)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        MapWrites(v1);
        MapControl(v1);
        MapDepartments(v1);
        v1.MapAttachmentsApi();
        MapAudit(v1);

        v1.MapGet("/orders", async (HttpContext http, ActorDirectory directory, OrderQueries queries,
            string? search, OrderStatus? status, OrderScope? scope, int? skip, int? take, int? typeId, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var page = await queries.ListAsync(actor,
                new OrderFilter(scope ?? OrderScope.All, search, status, Skip: skip ?? 0, Take: take ?? 50, TypeId: typeId), ct);
            return Results.Ok(page);
        })
            .WithName("ListOrders")
            .WithSummary("Список поручений")
            .WithDescription("Поручения, которые видит вызывающий: сотрудник — по своим правам, ключ доступа или токен — ещё и только "
                + "по своим подразделениям. Фильтры: search (номер или текст), status, scope (All, Mine, Department), typeId (вид поручения). "
                + "Страницы: skip и take (по умолчанию 50, не больше 500).")
            .Produces<OrderPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        v1.MapGet("/orders/{id:int}", async (int id, HttpContext http, ActorDirectory directory, OrderReadLog reads, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var result = await reads.OpenAsync(actor, id, ReadChannel.Api, ct);
            return result.Ok ? Results.Ok(result.Value) : Problem(result);
        })
            .WithName("GetOrder")
            .WithSummary("Карточка поручения")
            .WithDescription("Поручение целиком: реквизиты, исполнители, история, комментарии и действия, доступные вызывающему. "
                + "Поручение, которого вызывающий видеть не может, отвечает 404 — так же, как несуществующее. Каждое получение "
                + "поручения с персональными данными (containsPersonalData) записывается в журнал просмотров.")
            .Produces<OrderDetails>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The log of openings of an order holding personal data, and the list of delay reasons a transition names.</summary>
    private static void MapAudit(RouteGroupBuilder v1)
    {
        v1.MapGet("/orders/{id:int}/reads", async (int id, HttpContext http, ActorDirectory directory, OrderReadLog reads, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var result = await reads.ForOrderAsync(actor, id, ct);
            return result.Ok ? Results.Ok(result.Value) : Problem(result);
        })
            .WithName("OrderReads")
            .WithSummary("Журнал просмотров поручения")
            .WithDescription("Кто, когда и как (страница или API) открывал поручение с персональными данными (152-ФЗ), новые сверху. "
                + "Только контролю и администратору, входящим лично; остальным и ключам доступа — 403.")
            .Produces<IReadOnlyList<OrderReadItem>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/delay-reasons", async (HttpContext http, ActorDirectory directory, LiveOrders.Core.Delays.DelayReasons reasons, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            return Results.Ok(await reasons.ActiveAsync(ct));
        })
            .WithName("ListDelayReasons")
            .WithSummary("Причины просрочки")
            .WithDescription("Действующие причины просрочки. Отчёт (Submit) и запрос продления (RequestExtension) по просроченному "
                + "поручению требуют delayReasonId из этого списка и текст в reason; без них — 400.")
            .Produces<IReadOnlyList<LiveOrders.Core.Delays.DelayReasonRow>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>Writes: the same use cases as the pages, so the same rules, history and live events.</summary>
    private static void MapWrites(RouteGroupBuilder v1)
    {
        v1.MapPost("/orders", async (CreateOrderRequest body, HttpContext http, ActorDirectory directory, OrderService orders, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var result = await orders.CreateAsync(actor, new NewOrder(body.Title, body.Text, body.DepartmentIds ?? [], body.Priority ?? Priority.Normal,
                body.DueAt.UtcDateTime, body.OnControl, body.Send ?? true, body.ResponsibleId, body.ParentId, body.TypeId, body.ControllerId, body.ContainsPersonalData), ct);
            return result.Ok ? Results.Ok(result.Value) : Problem(result);
        })
            .WithName("CreateOrder")
            .WithSummary("Выдать поручение")
            .WithDescription("Создаёт поручение — по одному в каждое подразделение из departmentIds — от имени вызывающего и, если send "
                + "не false, сразу отправляет. typeId — вид поручения (необязательно; отключённый вид — 400). Ключ доступа должен разрешать запись, а подразделение сотрудника и все подразделения-"
                + "исполнители должны входить в его область; иначе 403. onControl ставит поручение на контроль, controllerId называет "
                + "контролёра (действующего сотрудника). Неверные поля — 400 с указанием поля (field).")
            .Produces<IReadOnlyList<CreatedOrder>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapPost("/orders/{id:int}/comments", async (int id, CommentRequest body, HttpContext http, ActorDirectory directory, OrderService orders, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var result = await orders.CommentAsync(actor, id, body.Text, body.Mentions, ct);
            return result.Ok ? Results.Ok(new CommentCreated(result.Value)) : Problem(result);
        })
            .WithName("CommentOrder")
            .WithSummary("Комментарий к поручению")
            .WithDescription("Добавляет комментарий (простой текст или безопасный Markdown) и упоминания (mentions — id сотрудников, "
                + "которые видят поручение). Ключу только для чтения — 403, невидимому поручению — 404.")
            .Produces<CommentCreated>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapPost("/orders/{id:int}/transitions", async (int id, TransitionRequest body, HttpContext http, ActorDirectory directory, OrderService orders, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            // Without this an absent action would run as the enum's first value, Send.
            if (body.Action is null)
                return Problem(Result.Invalid("Укажите действие (action), например «Accept»."));
            if (body.ToCommand() is not { } command)
                return Problem(Result.Invalid($"Неизвестное или неполное действие «{body.Action}»."));
            var result = await orders.ExecuteAsync(actor, id, body.Version, command, ct);
            return result.Ok ? Results.Ok(new TransitionDone(result.Value)) : Problem(result);
        })
            .WithName("TransitionOrder")
            .WithSummary("Действие с поручением")
            .WithDescription("Переводит поручение по жизненному циклу: action (Send, Accept, Assign, Forward, Decline, Submit, Approve, "
                + "Return, RequestExtension, DecideExtension, Cancel, ChangeDue — автор или куратор меняет срок dueAt с причиной reason, "
                + "Expedite — куратор требует ускорить исполнение с причиной reason, MarkPersonalData — автор "
                + "ставит или снимает (personalData) отметку о персональных данных) и version — версия, которую клиент видел последней. "
                + "Отчёт и запрос продления по просроченному поручению требуют delayReasonId (GET /api/v1/delay-reasons) и reason, иначе 400. "
                + "Если поручение успели изменить — 409, перечитайте его. Переадресация — только в подразделения области ключа.")
            .Produces<TransitionDone>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        v1.MapPost("/orders/{id:int}/corrections", async (int id, CorrectionRequest body, HttpContext http, ActorDirectory directory, OrderService orders, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var result = await orders.CorrectAsync(actor, id, body.Version, body.Title, body.Text, body.Priority ?? Priority.Normal, ct);
            return result.Ok ? Results.Ok(new TransitionDone(result.Value)) : Problem(result);
        })
            .WithName("CorrectOrder")
            .WithSummary("Исправить поручение")
            .WithDescription("Автор исправляет название, текст и приоритет уже отправленного, ещё не завершённого поручения "
                + "(срок меняется только продлением). Передаются все три поля и version — версия, которую клиент видел последней; "
                + "если поручение успели изменить — 409. В истории остаётся, что было и что стало; исполнители получают уведомление. "
                + "Не автору и ключу только для чтения — 403, неверные поля или правка без изменений — 400.")
            .Produces<TransitionDone>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Control: taking an order off control or putting it back, and naming its controller (the same use cases as the page).</summary>
    private static void MapControl(RouteGroupBuilder v1)
    {
        v1.MapPost("/orders/{id:int}/control", async (int id, ControlRequest body, HttpContext http, ActorDirectory directory, OrderService orders, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            if (body.OnControl is not { } onControl)
                return Problem(Result.Invalid("Укажите onControl: true — поставить на контроль, false — снять с контроля.", "onControl"));
            OrderCommand command = onControl ? new PutOnControlOrder(body.Reason) : new TakeOffControlOrder(body.Reason);
            var result = await orders.ExecuteAsync(actor, id, body.Version, command, ct);
            return result.Ok ? Results.Ok(new TransitionDone(result.Value)) : Problem(result);
        })
            .WithName("ControlOrder")
            .WithSummary("Снять с контроля или поставить на контроль")
            .WithDescription("onControl: false снимает поручение с контроля, true ставит на контроль; reason — обязательная причина, она "
                + "остаётся в истории. Вправе автор, контролёр поручения и курирующий заместитель главы. version — версия, которую "
                + "клиент видел последней; если поручение успели изменить — 409. Ключу только для чтения и тем, кому действие "
                + "недоступно, — 403; поручение уже в нужном состоянии или без причины — 400 или 403 с объяснением.")
            .Produces<TransitionDone>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        v1.MapPost("/orders/{id:int}/controller", async (int id, ControllerRequest body, HttpContext http, ActorDirectory directory, OrderService orders, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var result = await orders.ExecuteAsync(actor, id, body.Version, new ChangeControllerOrder(body.ControllerId, body.Note), ct);
            return result.Ok ? Results.Ok(new TransitionDone(result.Value)) : Problem(result);
        })
            .WithName("ChangeOrderController")
            .WithSummary("Сменить контролёра поручения")
            .WithDescription("controllerId — новый контролёр (действующий сотрудник) или null, чтобы контролёра не было; note — "
                + "необязательный комментарий для истории. Вправе автор и курирующий заместитель главы. version — версия, которую "
                + "клиент видел последней; если поручение успели изменить — 409.")
            .Produces<TransitionDone>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The departments and people a caller may address: for a key or token, only those of its scope.</summary>
    private static void MapDepartments(RouteGroupBuilder v1)
    {
        v1.MapGet("/departments", async (HttpContext http, ActorDirectory directory, OrderQueries queries, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            var departments = await queries.DepartmentsAsync(ct);
            // The administration at the root executes nothing (ExecutingDepartment), so it is not offered.
            return Results.Ok(departments.Where(d => d.ParentId is not null && OrderPolicy.MayList(actor, d.Id)).ToList());
        })
            .WithName("ListDepartments")
            .WithSummary("Подразделения")
            .WithDescription("Действующие подразделения администрации, которым можно адресовать поручения. Ключ доступа или токен видит "
                + "только подразделения своей области.")
            .Produces<IReadOnlyList<DepartmentRef>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        v1.MapGet("/departments/{id:int}/employees", async (int id, HttpContext http, ActorDirectory directory, OrderQueries queries, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return NoEmployee();
            if (!OrderPolicy.MayList(actor, id) || !(await queries.DepartmentsAsync(ct)).Any(d => d.Id == id && d.ParentId is not null))
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Не найдено",
                    detail: "Подразделение не найдено или не входит в область доступа.");
            return Results.Ok(await queries.EmployeesOfAsync(id, ct));
        })
            .WithName("ListDepartmentEmployees")
            .WithSummary("Сотрудники подразделения")
            .WithDescription("Действующие сотрудники подразделения — из них выбирают ответственного исполнителя (responsibleId). "
                + "Подразделение вне области ключа или токена — 404.")
            .Produces<IReadOnlyList<PersonRef>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
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

    internal static IResult NoEmployee() => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Нет доступа",
        detail: "Учётная запись не привязана к сотруднику администрации.");
}

public sealed record CreateOrderRequest(string? Title, string? Text, int[]? DepartmentIds, Priority? Priority, DateTimeOffset DueAt,
    bool OnControl = false, bool? Send = true, int? ResponsibleId = null, int? ParentId = null, int? TypeId = null, int? ControllerId = null,
    bool ContainsPersonalData = false);

/// <summary>Off control (false) or on control (true), with the reason the history keeps, and the version the client last saw.</summary>
public sealed record ControlRequest(int Version, bool? OnControl, string? Reason);

/// <summary>The new controller (null: none), and the version the client last saw.</summary>
public sealed record ControllerRequest(int Version, int? ControllerId, string? Note = null);

public sealed record CommentRequest(string? Text, int[]? Mentions = null);

public sealed record CommentCreated(long Id);

public sealed record TransitionDone(int Version);

/// <summary>The author's correction: the whole wording as it should read now, and the version the client last saw.</summary>
public sealed record CorrectionRequest(int Version, string? Title, string? Text, Priority? Priority);

/// <summary>A transition by name, with the version the client last saw and what the action needs.</summary>
public sealed record TransitionRequest(OrderAction? Action, int Version, string? Reason = null, int? DepartmentId = null,
    int? ResponsibleId = null, int[]? CoExecutorIds = null, int? Mark = null, DateTimeOffset? DueAt = null, bool? Approve = null,
    int? DelayReasonId = null, bool? PersonalData = null)
{
    public OrderCommand? ToCommand() => Action switch
    {
        OrderAction.Send => new SendOrder(DepartmentId),
        OrderAction.Accept => new AcceptOrder(),
        OrderAction.Assign when ResponsibleId is { } r => new AssignOrder(r, CoExecutorIds),
        OrderAction.Forward when DepartmentId is { } d => new ForwardOrder(d, Reason),
        OrderAction.Decline => new DeclineOrder(Reason),
        OrderAction.Submit => new SubmitOrder(Reason, DelayReasonId),
        OrderAction.Approve => new ApproveOrder(Mark, Reason),
        OrderAction.Return => new ReturnOrder(Reason),
        OrderAction.RequestExtension when DueAt is { } due => new RequestExtension(due.UtcDateTime, Reason, DelayReasonId),
        OrderAction.DecideExtension when Approve is { } yes => new DecideExtension(yes, Reason),
        OrderAction.Cancel => new CancelOrder(Reason),
        OrderAction.ChangeDue when DueAt is { } newDue => new ChangeDue(newDue.UtcDateTime, Reason),
        OrderAction.Expedite => new ExpediteOrder(Reason),
        OrderAction.MarkPersonalData when PersonalData is { } contains => new MarkPersonalData(contains),
        _ => null,
    };
}
