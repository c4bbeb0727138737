namespace LiveOrders.Core.Orders;

public enum OrderEventKind
{
    Created,
    Sent,
    Accepted,
    Assigned,
    Forwarded,
    Declined,
    Submitted,
    Approved,
    Returned,
    ExtensionRequested,
    ExtensionApproved,
    ExtensionRejected,
    Cancelled,
    Overdue,
    Escalated,
    Corrected,
    DraftEdited,
    DueChanged,
    /// <summary>Forwarded back to a department that had already held the order (<see cref="CustodyChain"/>).</summary>
    PingPong,
    AttachmentAdded,
    AttachmentRemoved,
    ControllerChanged,
    TakenOffControl,
    PutOnControl,
    Expedited,
    PersonalDataMarked,
    PersonalDataUnmarked,
}

/// <summary>One line of the order's history: who did what, when and why. Append-only.</summary>
public sealed class OrderEvent
{
    public long Id { get; private set; }
    public int OrderId { get; private set; }
    public OrderEventKind Kind { get; private set; }
    public int? ActorId { get; private set; }
    public DateTime At { get; private set; }
    public string? Reason { get; private set; }
    public int? FromDepartmentId { get; private set; }
    public int? ToDepartmentId { get; private set; }
    public int? EmployeeId { get; private set; }
    public DateTime? DueAt { get; private set; }
    public int? Mark { get; private set; }
    /// <summary>Why an overdue order was late (<see cref="Delays.DelayReason"/>), on its report or extension request.</summary>
    public int? DelayReasonId { get; private set; }

    private OrderEvent() { }

    /// <summary>
    /// An event added beside the order rather than through it (a file attached or removed): like a comment, it does not
    /// change the order's version, so it never conflicts with someone acting on the order at the same moment.
    /// </summary>
    internal static OrderEvent Beside(int orderId, OrderEventKind kind, int actorId, DateTime at, string? reason) =>
        new(kind, actorId, at, reason) { OrderId = orderId };

    internal OrderEvent(OrderEventKind kind, int? actorId, DateTime at, string? reason = null,
        int? fromDepartmentId = null, int? toDepartmentId = null, int? employeeId = null, DateTime? dueAt = null, int? mark = null,
        int? delayReasonId = null)
    {
        Kind = kind;
        ActorId = actorId;
        At = at;
        Reason = reason;
        FromDepartmentId = fromDepartmentId;
        ToDepartmentId = toDepartmentId;
        EmployeeId = employeeId;
        DueAt = dueAt;
        Mark = mark;
        DelayReasonId = delayReasonId;
    }
}

public static class OrderEventText
{
    public static string Russian(this OrderEventKind kind) => kind switch
    {
        OrderEventKind.Created => "Создано",
        OrderEventKind.Sent => "Отправлено исполнителю",
        OrderEventKind.Accepted => "Принято в работу",
        OrderEventKind.Assigned => "Назначен исполнитель",
        OrderEventKind.Forwarded => "Переадресовано",
        OrderEventKind.Declined => "Отклонено",
        OrderEventKind.Submitted => "Отправлено на проверку",
        OrderEventKind.Approved => "Исполнено, результат принят",
        OrderEventKind.Returned => "Возвращено на доработку",
        OrderEventKind.ExtensionRequested => "Запрошено продление срока",
        OrderEventKind.ExtensionApproved => "Продление срока одобрено",
        OrderEventKind.ExtensionRejected => "В продлении срока отказано",
        OrderEventKind.Cancelled => "Отменено",
        OrderEventKind.Overdue => "Срок исполнения истёк",
        OrderEventKind.Escalated => "Просрочка передана куратору",
        OrderEventKind.Corrected => "Исправлено",
        OrderEventKind.DraftEdited => "Черновик изменён",
        OrderEventKind.DueChanged => "Срок изменён",
        OrderEventKind.PingPong => "Пинг-понг: вернулось в подразделение",
        OrderEventKind.AttachmentAdded => "Приложен файл",
        OrderEventKind.AttachmentRemoved => "Файл удалён",
        OrderEventKind.ControllerChanged => "Сменён контролёр",
        OrderEventKind.TakenOffControl => "Снято с контроля",
        OrderEventKind.PutOnControl => "Поставлено на контроль",
        OrderEventKind.Expedited => "Куратор потребовал ускорить исполнение",
        OrderEventKind.PersonalDataMarked => "Отмечено: содержит персональные данные",
        OrderEventKind.PersonalDataUnmarked => "Снята отметка о персональных данных",
        _ => kind.ToString(),
    };
}
