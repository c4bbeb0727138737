namespace LiveOrders.Core.Live.Postgres;

/// <summary>The cross-node feed's timings (section <c>LiveFeed</c>); the defaults suit a LAN.</summary>
public sealed class PostgresFeedOptions
{
    /// <summary>How long journal rows are kept: a node that was away longer reloads its screens instead of catching up.</summary>
    public TimeSpan Keep { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan PruneEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node says it is alive; its people are forgotten elsewhere after <see cref="PresenceTtl"/> of silence.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan PresenceTtl { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>
    /// How often a node checks from the database what a lost message would have told it (a moved or switched-off person,
    /// a revoked wall link or API key): how long such a change can stay unseen here when its node died at the wrong moment.
    /// </summary>
    public TimeSpan Reconcile { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts to reconnect the listening connection (it starts at 100 ms and doubles).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>TCP keepalive of the listening connection, in seconds: a dead server or network is noticed while idle.</summary>
    public int KeepAliveSeconds { get; set; } = 10;
}
