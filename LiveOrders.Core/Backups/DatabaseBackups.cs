using System.Globalization;
using System.Text.RegularExpressions;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Backups;

/// <summary>
/// Backups of the database: taken online (the app goes on writing), checked, kept to the newest <see cref="BackupOptions.Keep"/>,
/// each one written down in the audit log. One at a time in this process. Used by the administrator's page, the
/// <c>backup</c> command and the daily schedule.
/// </summary>
public sealed partial class DatabaseBackups(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time, ActorDirectory directory,
    IOptions<BackupOptions> options, string contentRoot, ILogger<DatabaseBackups> log)
{
    public const string OtherProviderMessage =
        "Резервные копии базы данных PostgreSQL делаются её собственными средствами: копия — pg_dump, восстановление — pg_restore (см. раздел «Резервные копии» в README). Здесь копии не создаются.";
    public const string BusyMessage = "Резервная копия уже создаётся. Дождитесь её завершения.";
    private const string What = "Создавать резервные копии и смотреть их список";
    private const string Prefix = "liveorders-";

    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The folder of the copies, as a full path.</summary>
    public string Directory { get; } = Path.GetFullPath(Path.Combine(contentRoot, options.Value.Directory));
    public int Keep { get; } = Math.Max(0, options.Value.Keep);
    /// <summary>The local time of the daily copy, if one is set.</summary>
    public TimeOnly? Daily { get; } = ParseDaily(options.Value.Daily);
    public bool IsRunning => _one.CurrentCount == 0;

    /// <summary>Whether this database is backed up here (SQLite) or with its own tools (<see cref="OtherProviderMessage"/>).</summary>
    public async Task<bool> SupportedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return DatabaseSetup.OnlineBackupOf(db) is not null;
    }

    /// <summary>The copies in the folder, newest first (only ours: other files there are left alone).</summary>
    public Result<IReadOnlyList<BackupFile>> List(Actor actor)
    {
        if (AdministrationRules.Refusal(actor, directory, What) is { } refusal) return Result<IReadOnlyList<BackupFile>>.From(refusal);
        return new Result<IReadOnlyList<BackupFile>>(ListIn(Directory));
    }

    /// <summary>An administrator's copy (the page's button).</summary>
    public async Task<Result<BackupFile>> TakeAsync(Actor actor, CancellationToken ct = default)
    {
        if (AdministrationRules.Refusal(actor, directory, What) is { } refusal) return Result<BackupFile>.From(refusal);
        if (!await _one.WaitAsync(0, ct)) return Result<BackupFile>.From(Result.Conflict(BusyMessage));
        try
        {
            return await TakeHeldAsync(Directory, actor.EmployeeId, actor.FullName, ct);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>
    /// A copy made by the system (the command, the schedule), into <paramref name="toDirectory"/> or the configured
    /// folder; waits for one already running.
    /// </summary>
    public async Task<Result<BackupFile>> TakeAsSystemAsync(string? toDirectory = null, CancellationToken ct = default)
    {
        await _one.WaitAsync(ct);
        try
        {
            return await TakeHeldAsync(toDirectory is null ? Directory : Path.GetFullPath(toDirectory), null, AuditTrail.SystemName, ct);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<Result<BackupFile>> TakeHeldAsync(string folder, int? actorId, string actorName, CancellationToken ct)
    {
        SqliteOnlineBackup? engine;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            engine = DatabaseSetup.OnlineBackupOf(db);
        if (engine is null) return Result<BackupFile>.From(Result.Invalid(OtherProviderMessage));
        if (IsUnder(folder, Path.Combine(contentRoot, "wwwroot")))
            return Result<BackupFile>.From(Result.Invalid($"Папка резервных копий {folder} внутри wwwroot: её файлы были бы доступны по ссылке. Укажите другую (Backups:Directory)."));

        var takenAt = time.LocalNow;
        string? temp = null;
        try
        {
            System.IO.Directory.CreateDirectory(folder);
            var path = FreePath(folder, takenAt);
            // Written under a name that is not ours, renamed once complete and checked: a copy cut short never looks like one.
            temp = path + ".partial";
            await Task.Run(() => engine.CopyTo(temp), ct);
            if (SqliteOnlineBackup.IntegrityProblem(temp) is { } problem)
                return Result<BackupFile>.From(Result.Invalid($"Копия не прошла проверку целостности и не сохранена: {problem}"));
            File.Move(temp, path);
            temp = null;
            var file = new BackupFile(Path.GetFileName(path), path, takenAt, new FileInfo(path).Length);
            var removed = ApplyRetention(folder);
            await RecordAsync(file, removed, actorId, actorName, ct);
            log.LogInformation("Backup {Path} made ({Bytes} bytes), {Removed} old ones removed", path, file.Bytes, removed.Count);
            return file;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            log.LogError(e, "Backup into {Folder} failed", folder);
            return Result<BackupFile>.From(Result.Invalid($"Не удалось создать резервную копию: {e.Message}"));
        }
        finally
        {
            if (temp is not null) File.Delete(temp);
        }
    }

    private async Task RecordAsync(BackupFile file, IReadOnlyList<string> removed, int? actorId, string actorName, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changes = new List<string> { $"Папка: {Path.GetDirectoryName(file.FullPath)}", $"Размер: {file.Bytes:N0} байт" };
        if (removed.Count > 0) changes.Add($"Удалены по сроку хранения: {string.Join(", ", removed)}");
        db.AuditEntries.Add(AuditEntry.Create(time.UtcNow, actorId, actorName, "backup.created", "Backup", file.Name,
            $"Создана резервная копия базы данных {file.Name}", changes, kind: AuditKind.Administration));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes our copies past the newest <see cref="Keep"/>; returns their names.</summary>
    private List<string> ApplyRetention(string folder)
    {
        if (Keep == 0) return [];
        var removed = new List<string>();
        foreach (var old in ListIn(folder).Skip(Keep))
        {
            File.Delete(old.FullPath);
            removed.Add(old.Name);
        }
        return removed;
    }

    /// <summary>Our copies in a folder, newest first.</summary>
    public static IReadOnlyList<BackupFile> ListIn(string folder)
    {
        if (!System.IO.Directory.Exists(folder)) return [];
        return System.IO.Directory.EnumerateFiles(folder, Prefix + "*.db")
            .Select(path => (path, match: OurName().Match(Path.GetFileName(path))))
            .Where(p => p.match.Success)
            .Select(p => new BackupFile(Path.GetFileName(p.path), p.path,
                DateTime.ParseExact(p.match.Groups["stamp"].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture),
                new FileInfo(p.path).Length))
            .OrderByDescending(f => f.TakenAtLocal).ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>«liveorders-20261126-230145.db» in municipal time; a second copy within the same second gets «-2».</summary>
    private static string FreePath(string folder, DateTime local)
    {
        var stem = Prefix + local.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = Path.Combine(folder, stem + ".db");
        for (var n = 2; File.Exists(path) || File.Exists(path + ".partial"); n++) path = Path.Combine(folder, $"{stem}-{n}.db");
        return path;
    }

    private static bool IsUnder(string path, string folder)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal);
    }

    private static TimeOnly? ParseDaily(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at
        : throw new InvalidOperationException($"Backups:Daily «{text}» is not a time such as 03:00.");

    [GeneratedRegex(@"^liveorders-(?<stamp>\d{8}-\d{6})(-\d+)?\.db$")]
    private static partial Regex OurName();
}
