using Microsoft.AspNetCore.Http;

namespace HotlineDispatch.Channels.Http;

/// <summary>RFC 7807 answers of the channel webhooks, with a detail the provider's operator can act on.</summary>
public static class ChannelProblems
{
    public static IResult Forbidden(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Signature check failed");

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult TooLarge(int maxBytes) => Results.Problem(
        $"The body is larger than {maxBytes} bytes, more than any genuine message needs.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");

    public static IResult BadRequest(string field, string detail) => Results.Problem(
        detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid input",
        extensions: new Dictionary<string, object?> { ["field"] = field });
}
