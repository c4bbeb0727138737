namespace LiveOrders.Web.Infrastructure;

/// <summary>"Wall" in appsettings.json.</summary>
public sealed class WallOptions
{
    /// <summary>How long each supervised department stays on the wall before the next one.</summary>
    public int RotateEverySeconds { get; set; } = 20;
}
