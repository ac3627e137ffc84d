using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>RFC 7807 answers with a detail a person can act on.</summary>
public static class Problems
{
    public static ProblemHttpResult Result(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    /// <summary>The 400 naming the field that is wrong.</summary>
    public static ProblemHttpResult Invalid(string field, string detail) =>
        Result(StatusCodes.Status400BadRequest, "Invalid input", detail, new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult Forbidden(string detail) => Result(StatusCodes.Status403Forbidden, "Not allowed", detail);

    public static ProblemHttpResult NotFound(string detail) => Result(StatusCodes.Status404NotFound, "Not found", detail);

    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = title, Detail = detail },
            options: null, contentType: "application/problem+json");
    }

    /// <summary>Maps the domain's refusals to 400, 404 and 409; anything else stays a 500.</summary>
    public static ProblemHttpResult? FromDomain(Exception exception) => exception switch
    {
        TicketInputException e => Invalid(e.Field, e.Message),
        TicketNotFoundException e => NotFound(e.Message),
        TicketConflictException e => Result(StatusCodes.Status409Conflict, "Not allowed in the current state", e.Message,
            new Dictionary<string, object?> { ["state"] = HotlineJson.Name(e.State) }),
        _ => null,
    };
}
