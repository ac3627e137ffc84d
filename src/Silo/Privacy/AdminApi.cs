using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Privacy;

/// <summary><c>/api/v1/admin</c>: maintenance an admin starts by hand.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin").RequireAuthorization(Policies.Administration);

        // The daily job, now: after lowering a period, or to show an auditor that it runs. It is idempotent.
        group.MapPost("/retention", async (RetentionJob job, CancellationToken cancellationToken) =>
            TypedResults.Ok(await job.RunAsync(cancellationToken)));

        // Into the data directory's backups/ only: a path chosen over HTTP could overwrite any file the silo may write.
        group.MapPost("/backup", async Task<Results<Ok<BackupManifest>, ProblemHttpResult>> (HttpContext http, HotlineStorage storage, AuditLog audit,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time) =>
        {
            if (storage.IsPostgres)
            {
                return Problems.Result(StatusCodes.Status409Conflict, "Not for PostgreSQL",
                    "This silo keeps its data in PostgreSQL: back it up with pg_dump (docs/privacy.md).");
            }

            var dataDir = Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.ConnectionString).DataSource)!;
            var target = Path.Combine(dataDir, "backups", time.GetUtcNow().ToString("yyyyMMdd-HHmmssfff", System.Globalization.CultureInfo.InvariantCulture));
            var manifest = await SqliteBackup.BackupAsync(dataDir, target, time, http.RequestAborted);
            await audit.RecordAsync(http, AuditActions.Export, "backup", manifest.Directory);
            return TypedResults.Ok(manifest);
        });

        return group;
    }
}
