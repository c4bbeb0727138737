namespace LiveOrders.Core.Backups;

/// <summary>One backup in the folder: its file name, when it was taken (municipal time), its size.</summary>
/// <remarks>
/// A copy gets its final name only after <c>PRAGMA integrity_check</c> said «ok» on it, so every file listed passed it.
/// </remarks>
public sealed record BackupFile(string Name, string FullPath, DateTime TakenAtLocal, long Bytes);
