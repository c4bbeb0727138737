namespace LiveOrders.Core.Backups;

/// <summary>The «Backups» section of the settings.</summary>
public sealed class BackupOptions
{
    /// <summary>Where the copies go; a relative path is under the app's content root (never under wwwroot).</summary>
    public string Directory { get; set; } = "App_Data/backups";

    /// <summary>How many of the newest copies are kept; older ones are deleted after each new copy. 0 keeps all.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>A local time («03:00») at which a copy is made every day; empty for none.</summary>
    public string? Daily { get; set; }
}
