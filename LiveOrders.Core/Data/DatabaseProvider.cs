using Microsoft.Extensions.Configuration;

namespace LiveOrders.Core.Data;

/// <summary>The database engine, chosen by <c>Database:Provider</c>: SQLite (the embedded default) or PostgreSQL.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public static class DatabaseProviders
{
    public const string Key = "Database:Provider";

    /// <summary>
    /// The configured provider: <c>Sqlite</c> when unset, <c>PostgreSQL</c> (any case); anything else is refused at start
    /// rather than silently falling back to a file nobody meant to use.
    /// </summary>
    public static DatabaseProvider Of(IConfiguration configuration) =>
        configuration[Key]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
            var other => throw new InvalidOperationException($"{Key} = «{other}»: expected Sqlite or PostgreSQL."),
        };
}
