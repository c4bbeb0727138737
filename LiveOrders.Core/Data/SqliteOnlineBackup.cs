using Microsoft.Data.Sqlite;

namespace LiveOrders.Core.Data;

/// <summary>
/// SQLite's own online backup (sqlite3_backup_*, through <see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>):
/// it copies the pages of one read snapshot, so the copy is consistent while the app goes on writing (in WAL mode a
/// reader never blocks a writer, nor a writer the reader). Provider-specific, so it sits beside <see cref="DatabaseSetup"/>.
/// </summary>
public sealed class SqliteOnlineBackup(string connectionString)
{
    /// <summary>The database file the connection string names.</summary>
    public string DatabasePath { get; } = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    /// <summary>Copies the live database into <paramref name="target"/> (a new file), as one self-contained file.</summary>
    public void CopyTo(string target)
    {
        if (!File.Exists(DatabasePath)) throw new FileNotFoundException($"Файл базы данных не найден: {DatabasePath}", DatabasePath);
        // ReadWrite without Create: a wrong path must fail, not back up a new empty database.
        using var source = Open(DatabasePath, SqliteOpenMode.ReadWrite);
        using var destination = Open(target, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(destination);
        // The copy carries the source's WAL flag; a backup is one file, readable and restorable without companions.
        Execute(destination, "PRAGMA journal_mode=DELETE;");
    }

    /// <summary>Null when <c>PRAGMA integrity_check</c> says «ok»; else what it found.</summary>
    public static string? IntegrityProblem(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var lines = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) lines.Add(reader.GetString(0));
        return lines is ["ok"] ? null : string.Join("; ", lines.Take(5));
    }

    /// <summary>
    /// Puts <paramref name="backup"/> in place of the database, with the app stopped: refuses while anything holds the
    /// database open, keeps the current database beside it (<c>…before-restore-…</c>) and removes its -wal/-shm, which
    /// belong to the replaced file. Returns the path the replaced database was kept at.
    /// </summary>
    public string RestoreFrom(string backup, string stamp)
    {
        if (IntegrityProblem(backup) is { } problem) throw new InvalidDataException($"Копия повреждена: {problem}");
        string? kept = null;
        if (File.Exists(DatabasePath))
        {
            kept = $"{DatabasePath}.before-restore-{stamp}";
            try
            {
                // In exclusive locking mode the connection keeps its locks until it closes, and the first read after the
                // mode is set (here the copy aside) needs the file to itself: a running app keeps pooled connections, each
                // with a shared lock, so with the app running this fails «busy» at once (no busy timeout), before any change.
                using var current = Open(DatabasePath, SqliteOpenMode.ReadWrite, busyTimeout: 0);
                Execute(current, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;");
                // The replaced database is kept, WAL included, in case the restore was the mistake.
                using var aside = Open(kept, SqliteOpenMode.ReadWriteCreate);
                current.BackupDatabase(aside);
                Execute(aside, "PRAGMA journal_mode=DELETE;");
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
            {
                SqliteConnection.ClearAllPools();
                File.Delete(kept);
                throw new IOException("База данных открыта другим процессом. Остановите приложение и повторите восстановление.", e);
            }
            SqliteConnection.ClearAllPools();
        }
        var temp = DatabasePath + ".restoring";
        File.Copy(backup, temp, overwrite: true);
        foreach (var suffix in new[] { "-wal", "-shm", "-journal" }) File.Delete(DatabasePath + suffix);
        File.Move(temp, DatabasePath, overwrite: true);
        return kept ?? "";
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode, int busyTimeout = 30000)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            // Its own handle, closed with it: the file is renamed or deleted right after.
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {busyTimeout};");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
