using System.Text.RegularExpressions;
using HotlineDispatch.Silo.Tickets;

namespace HotlineDispatch.Silo.Privacy;

/// <summary>Audits each answered request of a route that shows residents' numbers or exports data.</summary>
public static partial class AuditFilter
{
    /// <summary>
    /// Records the request once it is answered (a refusal showed nothing), with its path and query as the
    /// detail and any number in them masked: <c>?replyTo=sms:+86…</c> must not put the number in the audit.
    /// </summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, string subject)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter(async (context, next) =>
    {
        var result = await next(context);
        if (result is not IStatusCodeHttpResult { StatusCode: >= 400 })
        {
            var http = context.HttpContext;
            var request = Uri.UnescapeDataString(http.Request.Path + http.Request.QueryString);
            await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(http, action, subject,
                Digits().Replace(request, m => PhoneMask.Mask(m.Value)!));
        }

        return result;
    });

    [GeneratedRegex(@"\d{7,}")]
    private static partial Regex Digits();
}
