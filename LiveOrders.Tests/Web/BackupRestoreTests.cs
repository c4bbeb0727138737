using LiveOrders.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LiveOrders.Tests.Web;

/// <summary>
/// The backup and restore commands end to end, on the real app process: data made, backed up while the app runs,
/// changed, restored with the app stopped, the app started on the restored file.
/// </summary>
[Trait("Database", TestProvider.SqliteOnly)] // SQLite's online backup and restore of the file
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"liveorders-restore-{Guid.NewGuid():N}");
    private AppProcess _app = default!;

    public async Task InitializeAsync() =>
        _app = await AppProcess.StartAsync(new Dictionary<string, string> { ["Backups__Directory"] = _folder, ["Backups__Keep"] = "5" });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var kept in Directory.EnumerateFiles(Path.GetDirectoryName(_app.DatabasePath)!, Path.GetFileName(_app.DatabasePath) + ".before-restore-*"))
            File.Delete(kept);
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ARestoredBackup_BringsBackTheDataAsAtTheBackup_AndTheAppStartsOnIt()
    {
        await SetDepartmentNameAsync("Отдел на момент копии");

        var backup = await _app.RunCommandAsync("backup");
        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.StartsWith("Резервная копия создана: ", backup.Output);
        var copy = Assert.Single(Directory.EnumerateFiles(_folder, "liveorders-*.db"));

        await SetDepartmentNameAsync("Изменено после копии");
        var refused = await _app.RunCommandAsync("restore", Path.GetFileName(copy));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Остановите приложение", refused.Output);
        Assert.Equal("Изменено после копии", await DepartmentNameAsync());
        Assert.Contains("Изменено после копии", await DepartmentsPageAsync());

        await _app.StopAsync();
        var restore = await _app.RunCommandAsync("restore", Path.GetFileName(copy));
        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.Contains("восстановлена из", restore.Output);
        Assert.False(File.Exists(_app.DatabasePath + "-wal"));

        await _app.StartAsync();
        var page = await DepartmentsPageAsync();
        Assert.Contains("Отдел на момент копии", page);
        Assert.DoesNotContain("Изменено после копии", page);
        Assert.Equal("Отдел на момент копии", await DepartmentNameAsync());
        Assert.Equal("ok", await ScalarAsync("PRAGMA integrity_check"));
    }

    [Fact]
    public async Task TheRestoreCommand_RefusesAFileThatIsNotThere()
    {
        var result = await _app.RunCommandAsync("restore", "liveorders-19990101-000000.db");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Файл копии не найден", result.Output);
    }

    /// <summary>The administrator's list of departments, as the running app serves it (its first render holds the names).</summary>
    private async Task<string> DepartmentsPageAsync()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(_app.BaseUrl) };
        var login = await LiveOrdersApp.PostLoginAsync(client, "admin", "Demo2026!");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        return await client.GetStringAsync("/admin/departments");
    }

    private async Task SetDepartmentNameAsync(string name)
    {
        await using var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000; UPDATE Departments SET Name = $name WHERE Id = (SELECT MIN(Id) FROM Departments)";
        command.Parameters.AddWithValue("$name", name);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private Task<string> DepartmentNameAsync() => ScalarAsync("SELECT Name FROM Departments WHERE Id = (SELECT MIN(Id) FROM Departments)");

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
