using System.Data.Common;
using Npgsql;

namespace HotlineDispatch.Silo.Storage;

/// <summary>Connection strings for the PostgreSQL deployment.</summary>
public static class PostgresConnectionStrings
{
    /// <summary>
    /// The operator's connection string with the settings the intake bench showed to matter, for every
    /// one the operator has not set: the providers run one small statement per connection taken from
    /// the pool, so resetting the session on each return (DISCARD ALL) and parsing and planning each
    /// statement again cost the database more than the statement itself; auto-prepare keeps each
    /// connection's plans, which only survive with No Reset On Close. Nothing here needs session
    /// state: schema locks are transaction-scoped. The pool keeps Npgsql's size: commits wait for the
    /// WAL flush, and a smaller pool lets fewer of them share one (the bench measured fewer tickets/s
    /// with 8 connections than with 100).
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(given, "No Reset On Close"))
        {
            tuned.NoResetOnClose = true;
        }

        if (!Mentions(given, "Max Auto Prepare"))
        {
            tuned.MaxAutoPrepare = 64;
        }

        if (!Mentions(given, "Auto Prepare Min Usages"))
        {
            tuned.AutoPrepareMinUsages = 2;
        }

        return tuned.ConnectionString;
    }

    /// <summary>Whether the operator set the keyword, in any of its spellings (spaces and case do not matter).</summary>
    private static bool Mentions(DbConnectionStringBuilder given, params string[] keywords) =>
        given.Keys.Cast<string>().Any(key => keywords.Any(k =>
            string.Equals(key.Replace(" ", ""), k.Replace(" ", ""), StringComparison.OrdinalIgnoreCase)));
}
