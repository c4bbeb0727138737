using LiveOrders.Core.Backups;
using LiveOrders.Core.Data;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// <c>LiveOrders.Web backup [--to DIR]</c> and <c>LiveOrders.Web restore FILE</c>: handled before the web host starts,
/// with the app's own settings (appsettings, environment, <c>--Key=value</c>). One clear line, exit code 0 or 1.
/// A backup works with the app running or stopped; a restore refuses while the app runs.
/// </summary>
public static class BackupCommand
{
    public static bool Handles(string[] args) => args is ["backup", ..] or ["restore", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args[0];
        var rest = args[1..].ToList();
        string? target = null;
        if (command == "backup" && rest.IndexOf("--to") is var at and >= 0)
        {
            if (at + 1 >= rest.Count) return Fail("После --to укажите папку для копии.");
            target = rest[at + 1];
            rest.RemoveRange(at, 2);
        }
        if (command == "restore")
        {
            if (rest.Count == 0 || rest[0].StartsWith('-')) return Fail("Укажите файл копии: restore ФАЙЛ (имя из папки копий или путь).");
            target = rest[0];
            rest.RemoveAt(0);
        }

        var builder = WebApplication.CreateBuilder(rest.ToArray());
        builder.Logging.ClearProviders();
        builder.Services.AddLiveOrders(builder.Configuration);
        await using var app = builder.Build();
        var backups = app.Services.GetRequiredService<DatabaseBackups>();
        return command == "backup" ? await BackupAsync(backups, target) : await RestoreAsync(app.Services, backups, target!);
    }

    private static async Task<int> BackupAsync(DatabaseBackups backups, string? target)
    {
        var result = await backups.TakeAsSystemAsync(target);
        if (!result.Ok) return Fail(result.Message!);
        var file = result.Value!;
        Console.WriteLine($"Резервная копия создана: {file.FullPath} ({file.Bytes:N0} байт), проверка целостности: ok.");
        return 0;
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, DatabaseBackups backups, string file)
    {
        // The provider first: on PostgreSQL no file of ours is a copy, whatever was named (pg_restore restores a pg_dump).
        SqliteOnlineBackup? engine;
        await using (var db = await services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync())
            engine = DatabaseSetup.OnlineBackupOf(db);
        if (engine is null) return Fail(DatabaseBackups.OtherProviderMessage);
        var path = File.Exists(file) ? Path.GetFullPath(file) : Path.Combine(backups.Directory, file);
        if (!File.Exists(path)) return Fail($"Файл копии не найден: {file} (ни как путь, ни в папке {backups.Directory}).");
        try
        {
            var stamp = services.GetRequiredService<MunicipalTime>().LocalNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            var kept = engine.RestoreFrom(path, stamp);
            Console.WriteLine($"База данных {engine.DatabasePath} восстановлена из {path}." +
                (kept.Length > 0 ? $" Прежняя сохранена как {kept}." : "") + " Запустите приложение: недостающие миграции применятся при запуске.");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            return Fail($"Восстановление не выполнено: {e.Message}");
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
