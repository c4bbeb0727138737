namespace LiveOrders.Core.Webhooks;

/// <summary>Settings under <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>Hosts deliveries may go to (exact names, case-insensitive); empty: any.</summary>
    public List<string> AllowedHosts { get; set; } = [];
    /// <summary>A receiver that has not answered by then is cut off and tried again later.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// How long a delivery being posted is left to its sender before another sender may try it: the timeout and a
    /// minute's margin, so a slow post is never overtaken.
    /// </summary>
    public TimeSpan ClaimFor => Timeout + TimeSpan.FromMinutes(1);
    /// <summary>The wait after the first failure; doubled after each further one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often the sender looks for due deliveries when nothing wakes it.</summary>
    public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>A delivery still failing this long after its event (or after «Повторить») is given up.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);
    /// <summary>… or after this many failed tries; 0: no limit by count, only by <see cref="GiveUpAfter"/>.</summary>
    public int GiveUpAfterAttempts { get; set; }

    public bool GivesUp(DateTime queuedAt, int failedAttempts, DateTime now) =>
        now - queuedAt >= GiveUpAfter || (GiveUpAfterAttempts > 0 && failedAttempts >= GiveUpAfterAttempts);

    public TimeSpan Backoff(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var wait = FirstBackoff * Math.Pow(2, exponent);
        return wait > MaxBackoff ? MaxBackoff : wait;
    }

    public bool Allows(Uri uri) =>
        AllowedHosts.Count == 0 || AllowedHosts.Any(h => string.Equals(h.Trim(), uri.Host, StringComparison.OrdinalIgnoreCase));
}
