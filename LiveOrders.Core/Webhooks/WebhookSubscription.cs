namespace LiveOrders.Core.Webhooks;

/// <summary>
/// A receiver another municipal system runs: where deliveries go, which kinds, and whose orders
/// (<see cref="DepartmentId"/> null: every sent order). The secret signs every delivery when it is sent; it is shown
/// once, when made or rotated. A deleted subscription stays as a row (its delivery log stays readable) without a secret.
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
    public DateTime? SecretRotatedAt { get; private set; }
    public DateTime? DeletedAt { get; private set; }

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

    public bool Deleted => DeletedAt is not null;

    /// <summary>
    /// Off: no new deliveries are queued and none is sent; what is queued waits and goes out on reactivation.
    /// A deleted subscription cannot be switched on again.
    /// </summary>
    internal void SetActive(bool active)
    {
        if (Deleted) throw new InvalidOperationException("A deleted subscription stays off.");
        Active = active;
    }

    internal void RotateSecret(string secret, DateTime now)
    {
        Secret = secret;
        SecretRotatedAt = now;
    }

    /// <summary>Kept as a row for the log; the secret goes, so nothing can be signed with it again.</summary>
    internal void Delete(DateTime now)
    {
        Active = false;
        Secret = "";
        DeletedAt = now;
    }
}
