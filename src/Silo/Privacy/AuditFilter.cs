namespace HotlineDispatch.Silo.Privacy;

/// <summary>Audits each answered request of a route that shows residents' numbers or exports data.</summary>
public static class AuditFilter
{
    /// <summary>
    /// Records the request once it is answered (a refusal showed nothing), with its path and query as the
    /// detail (<see cref="AuditLog"/> masks any number in it: <c>?replyTo=sms:+86…</c>).
    /// </summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, string subject)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter(async (context, next) =>
    {
        var result = await next(context);
        if (result is not IStatusCodeHttpResult { StatusCode: >= 400 })
        {
            var http = context.HttpContext;
            var request = Uri.UnescapeDataString(http.Request.Path + http.Request.QueryString);
            await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(http, action, subject, request);
        }

        return result;
    });
}
