namespace LiveOrders.Core.Audit;

/// <summary>What the log viewer filters by: the groups the issue names.</summary>
public enum AuditKind
{
    Administration,
    Orders,
    Comments,
    DisplayLinks,
    ApiKeys,
    Webhooks,
    SignIns,
    FailedSignIns,
}

public static class AuditKinds
{
    public static readonly IReadOnlyList<AuditKind> All = Enum.GetValues<AuditKind>();

    public static string Russian(this AuditKind kind) => kind switch
    {
        AuditKind.Administration => "Администрирование",
        AuditKind.Orders => "Поручения",
        AuditKind.Comments => "Комментарии",
        AuditKind.DisplayLinks => "Ссылки для экранов",
        AuditKind.ApiKeys => "Ключи API",
        AuditKind.Webhooks => "Подписки на события",
        AuditKind.SignIns => "Входы и выходы",
        AuditKind.FailedSignIns => "Неудачные входы",
        _ => kind.ToString(),
    };

    /// <summary>The group of an entry written by a caller that names only its entity and action (the administration's use cases).</summary>
    public static AuditKind Of(string entityType, string action) => entityType switch
    {
        "Order" => AuditKind.Orders,
        "OrderComment" => AuditKind.Comments,
        "DisplayLink" => AuditKind.DisplayLinks,
        "ApiKey" => AuditKind.ApiKeys,
        _ when entityType.StartsWith("Webhook", StringComparison.Ordinal) || action.StartsWith("webhook", StringComparison.Ordinal) => AuditKind.Webhooks,
        "Account" when action == AuditActions.SignInFailed => AuditKind.FailedSignIns,
        "Account" => AuditKind.SignIns,
        _ => AuditKind.Administration,
    };
}

/// <summary>The action codes this part writes (the administration's own are beside their use cases).</summary>
public static class AuditActions
{
    public const string SignedIn = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignedOut = "signout";
    public const string CommentAdded = "comment.added";
    public const string DisplayLinkCreated = "displaylink.created";
    public const string DisplayLinkRevoked = "displaylink.revoked";
    /// <summary>An order's event: «order.» and the event's kind in lower case (<c>order.accepted</c>, <c>order.duechanged</c>).</summary>
    public static string Of(Orders.OrderEventKind kind) => "order." + kind.ToString().ToLowerInvariant();
}
