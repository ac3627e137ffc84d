namespace HotlineDispatch.Silo.Hosting;

public static class HealthApi
{
    /// <summary><c>GET /health</c>: 200 once the silo takes requests, 503 before and while stopping.</summary>
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/health", (SiloReadiness readiness) => readiness.IsReady
            ? Results.Ok(new { status = "ready" })
            : Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable))
            .DisableRateLimiting();
}
