namespace LiveOrders.Core.Notifications;

public enum NotificationKind
{
    NewForDepartment,
    AssignedToMe,
    ForwardedToDepartment,
    Mention,
    DueSoon,
    Overdue,
    Escalation,
    ReviewRequested,
    Returned,
    Declined,
    Approved,
    Cancelled,
    ExtensionRequested,
    ExtensionDecided,
    Corrected,
    DueChanged,
    PingPong,
    ControllerAssigned,
    ControlChanged,
    Expedited,
}

/// <summary>Something a person should know about an order; shown in the bell, and later sent by e-mail.</summary>
public sealed class Notification
{
    public const int TextMaxLength = 500;

    public long Id { get; private set; }
    public int RecipientId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public int OrderId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    private Notification() { }

    public Notification(int recipientId, NotificationKind kind, int orderId, string text, DateTime createdAt)
    {
        RecipientId = recipientId;
        Kind = kind;
        OrderId = orderId;
        Text = text.Length > TextMaxLength ? text[..(TextMaxLength - 1)] + "…" : text;
        CreatedAt = createdAt;
    }

    public void MarkRead(DateTime at) => ReadAt ??= at;
}

public sealed record NotificationItem(long Id, int RecipientId, NotificationKind Kind, int OrderId, string Text, DateTime CreatedAt, bool IsRead);

public static class NotificationText
{
    public static string Russian(this NotificationKind kind) => kind switch
    {
        NotificationKind.NewForDepartment => "Новое поручение для подразделения",
        NotificationKind.AssignedToMe => "Вы назначены исполнителем",
        NotificationKind.ForwardedToDepartment => "Поручение переадресовано в подразделение",
        NotificationKind.Mention => "Вас упомянули",
        NotificationKind.DueSoon => "Срок истекает в течение суток",
        NotificationKind.Overdue => "Срок исполнения истёк",
        NotificationKind.Escalation => "Эскалация просроченного поручения",
        NotificationKind.ReviewRequested => "Результат ждёт проверки",
        NotificationKind.Returned => "Возвращено на доработку",
        NotificationKind.Declined => "Поручение отклонено",
        NotificationKind.Approved => "Результат принят",
        NotificationKind.Cancelled => "Поручение отменено",
        NotificationKind.ExtensionRequested => "Запрошено продление срока",
        NotificationKind.ExtensionDecided => "Решение по продлению срока",
        NotificationKind.Corrected => "Автор исправил поручение",
        NotificationKind.PingPong => "Пинг-понг между подразделениями",
        NotificationKind.DueChanged => "Срок изменён",
        NotificationKind.ControllerAssigned => "Вы назначены контролёром",
        NotificationKind.ControlChanged => "Изменён контроль поручения",
        NotificationKind.Expedited => "Куратор требует ускорить исполнение",
        _ => kind.ToString(),
    };
}
