using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Webhooks;

/// <summary>The event kinds a subscription may ask for; a set of them is stored as one number.</summary>
[Flags]
public enum WebhookEventKinds
{
    None = 0,
    Created = 1,
    Sent = 2,
    Accepted = 4,
    Forwarded = 8,
    Submitted = 16,
    Approved = 32,
    Returned = 64,
    Overdue = 128,
    Commented = 256,
    All = Created | Sent | Accepted | Forwarded | Submitted | Approved | Returned | Overdue | Commented,
}

public static class WebhookEventKindMap
{
    /// <summary>The webhook kind an order event is delivered as; None for the kinds other systems are not told about.</summary>
    public static WebhookEventKinds Of(OrderEventKind kind) => kind switch
    {
        OrderEventKind.Created => WebhookEventKinds.Created,
        OrderEventKind.Sent => WebhookEventKinds.Sent,
        OrderEventKind.Accepted => WebhookEventKinds.Accepted,
        OrderEventKind.Forwarded => WebhookEventKinds.Forwarded,
        OrderEventKind.Submitted => WebhookEventKinds.Submitted,
        OrderEventKind.Approved => WebhookEventKinds.Approved,
        OrderEventKind.Returned => WebhookEventKinds.Returned,
        OrderEventKind.Overdue => WebhookEventKinds.Overdue,
        _ => WebhookEventKinds.None,
    };

    /// <summary>The name in a delivery's body: "created", "commented", …</summary>
    public static string Name(this WebhookEventKinds kind) => kind.ToString().ToLowerInvariant();
}
