using System.Data.Common;
using HotlineDispatch.Silo.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HotlineDispatch.Bench.Hosting;

/// <summary>
/// The database one bench run works in, empty at the start: a SQLite file in the run's folder, or a
/// database of its own on a PostgreSQL server — the one <c>--connection</c> names (its role must be
/// allowed to CREATE DATABASE), else a <see cref="ThrowawayPostgres"/> started for the run.
/// </summary>
public sealed class BenchStorage : IAsyncDisposable
{
    private readonly DbProviderFactory _factory;
    private readonly string? _server;
    private readonly string? _database;
    private readonly string? _readModelConnectionString;

    /// <param name="readModelConnectionString">The read model's own file on SQLite; null where it shares the database.</param>
    private BenchStorage(string kind, DbProviderFactory factory, string connectionString, string? readModelConnectionString,
        IReadOnlyDictionary<string, string> settings, string? server = null, string? database = null, ThrowawayPostgres? ownServer = null)
    {
        Kind = kind;
        _factory = factory;
        ConnectionString = connectionString;
        _readModelConnectionString = readModelConnectionString;
        SiloSettings = settings;
        _server = server;
        _database = database;
        OwnServer = ownServer;
    }

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Kind { get; }

    /// <summary>The connection string the silo is given.</summary>
    public string ConnectionString { get; }

    /// <summary>What the silo makes of <see cref="ConnectionString"/>, so the bench's own queries (the baseline) run with the same settings.</summary>
    private string EffectiveConnectionString => Kind == "postgres" ? PostgresConnectionStrings.Tuned(ConnectionString) : ConnectionString;

    /// <summary>The silo settings that point it at this database.</summary>
    public IReadOnlyDictionary<string, string> SiloSettings { get; }

    /// <summary>The PostgreSQL server the bench started itself, which it may crash; null otherwise.</summary>
    public ThrowawayPostgres? OwnServer { get; }

    /// <param name="kept">Where the database is kept after the run, or the database to run on again; null for a throw-away one.</param>
    public static async Task<BenchStorage> CreateAsync(string kind, string? connection, string workDir, bool needOwnServer = false, KeptDatabase? kept = null)
    {
        if (kind == "sqlite")
        {
            var dataDir = Path.Combine(kept?.Directory ?? workDir, "data");
            var settings = new Dictionary<string, string> { ["Hotline:Storage"] = "sqlite", ["Hotline:DataDir"] = dataDir };
            return new BenchStorage(kind, SqliteFactory.Instance, SqliteConnectionStrings.ForDataDir(dataDir, SqliteConnectionStrings.DatabaseFileName),
                SqliteConnectionStrings.ForDataDir(dataDir, SqliteConnectionStrings.ReadModelFileName), settings);
        }

        if (needOwnServer && connection is not null)
        {
            throw new InvalidOperationException("This scenario crashes its database server, so it always starts its own; leave out --connection.");
        }

        if (kept is not null && connection is not null)
        {
            throw new InvalidOperationException("A kept database lives in a server of the bench's own; leave out --connection.");
        }

        var ownServer = connection is null ? await ThrowawayPostgres.StartAsync(kept?.Directory, kept?.Existing ?? false) : null;
        var server = connection ?? ownServer!.ConnectionString;
        var database = kept is null ? $"hotline_bench_{Guid.NewGuid():N}" : "hotline_bench";
        if (kept is not { Existing: true })
        {
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var postgres = new Dictionary<string, string>
        {
            ["Hotline:Storage"] = "postgres",
            ["ConnectionStrings:Hotline"] = connectionString,
            ["Hotline:DataDir"] = Path.Combine(workDir, "data"),
        };
        return new BenchStorage(kind, NpgsqlFactory.Instance, connectionString, null, postgres, server, database, ownServer);
    }

    public Task<DbConnection> OpenAsync() => OpenAsync(EffectiveConnectionString);

    /// <summary>The read model's connection string as the silo derives it.</summary>
    public string ReadModelConnectionString => _readModelConnectionString ?? EffectiveConnectionString;

    /// <summary>The read model's database: on SQLite a file of its own, on PostgreSQL the same database.</summary>
    public Task<DbConnection> OpenReadModelAsync() => OpenAsync(ReadModelConnectionString);

    private async Task<DbConnection> OpenAsync(string connectionString)
    {
        var connection = _factory.CreateConnection()!;
        connection.ConnectionString = connectionString;
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_server is not null && OwnServer is null)
        {
            await using var admin = new NpgsqlConnection(_server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (OwnServer is not null)
        {
            await OwnServer.DisposeAsync();
        }
    }
}

/// <summary>A database left behind after a run in <paramref name="Directory"/>; <paramref name="Existing"/> when a run left it there before.</summary>
public sealed record KeptDatabase(string Directory, bool Existing);
