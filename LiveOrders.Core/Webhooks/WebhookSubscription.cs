namespace LiveOrders.Core.Webhooks;

/// <summary>
/// A receiver another municipal system runs: where deliveries go, which kinds, and whose orders
/// (<see cref="DepartmentId"/> null: every sent order). The secret signs every delivery; it is shown once, when made.
/// </summary>
public sealed class WebhookSubscription
{
    public const int UrlMaxLength = 2000;

    public int Id { get; private set; }
    public string Url { get; private set; } = "";
    public WebhookEventKinds Kinds { get; private set; }
    public int? DepartmentId { get; private set; }
    public string Secret { get; private set; } = "";
    public bool Active { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private WebhookSubscription() { }

    internal WebhookSubscription(string url, WebhookEventKinds kinds, int? departmentId, string secret, DateTime now)
    {
        Url = url;
        Kinds = kinds;
        DepartmentId = departmentId;
        Secret = secret;
        Active = true;
        CreatedAt = now;
    }

    public void SetActive(bool active) => Active = active;
}
