using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Channels.Http;

/// <summary>RFC 7807 answers of the channel webhooks, with a detail the provider's operator can act on.</summary>
public static class ChannelProblems
{
    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Signature check failed");

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        $"The body is larger than {maxBytes} bytes, more than any genuine message needs.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");

    public static ProblemHttpResult BadRequest(string field, string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid input",
        extensions: new Dictionary<string, object?> { ["field"] = field });
}
