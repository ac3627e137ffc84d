using System.Collections.Specialized;
using System.Net.Http.Headers;
using System.Xml.Linq;
using HotlineDispatch.Channels.Http;
using HotlineDispatch.Channels.Twilio;
using HotlineDispatch.Silo.Hosting;
using Twilio.Security;
using Twilio.TwiML;

namespace HotlineDispatch.Silo.Twilio;

/// <summary>
/// The filter in front of every Twilio route: reads the webhook and proves it came from Twilio — a form
/// body of sane size whose <c>X-Twilio-Signature</c> matches the public URL and every field. Whatever
/// fails is refused before the route runs, so nothing is looked at, let alone changed. The signature is
/// checked by the Twilio library's <see cref="RequestValidator"/>, which also tries the URL with and without
/// its port, since Twilio signs it either way.
/// </summary>
public sealed class TwilioWebhook(TwilioSettings settings, TwilioUrls urls, WebhookBudget budget, ILogger<TwilioWebhook> logger) : IEndpointFilter
{
    /// <summary>A message body is at most 1600 characters plus media links; this leaves ample room for Twilio's other fields.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const string SignatureHeader = "X-Twilio-Signature";
    public const string IdempotencyHeader = "I-Twilio-Idempotency-Token";

    private const string FormType = "application/x-www-form-urlencoded";
    public const string TwimlType = "text/xml; charset=utf-8";

    private readonly RequestValidator? _validator = string.IsNullOrEmpty(settings.AuthToken) ? null : new RequestValidator(settings.AuthToken);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (form, refusal) = await ReadAsync(http.Request, http.RequestAborted);
        if (form is null)
        {
            return refusal;
        }

        if (budget.Spend("twilio", http) is { } exhausted)
        {
            return exhausted;
        }

        http.Features.Set(form);
        return await next(context);
    }

    /// <summary>The verified form of the request this filter let through.</summary>
    public static TwilioForm Form(HttpContext http) =>
        http.Features.Get<TwilioForm>() ?? throw new InvalidOperationException("The route is not behind the Twilio webhook filter.");

    private async Task<(TwilioForm? Form, IResult? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !string.Equals(type.MediaType, FormType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Twilio webhooks are posted as {FormType}; this request is '{request.ContentType}'."));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        var body = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        TwilioForm form;
        try
        {
            form = TwilioForm.Parse(body.AsSpan(0, length));
        }
        catch (FormatException ex)
        {
            return (null, Problems.Invalid("body", ex.Message));
        }

        if (_validator is null)
        {
            logger.LogWarning("A Twilio webhook arrived but Hotline:Twilio:AuthToken is not set, so it cannot be verified");
            return (null, Problems.Forbidden("Twilio webhooks are not accepted: Hotline:Twilio:AuthToken is not configured."));
        }

        var url = urls.RequestUrl(request);
        if (!IsSigned(_validator, url, form, request.Headers[SignatureHeader].ToString()))
        {
            logger.LogWarning("Refused a Twilio webhook to {Url} with a missing or wrong signature", url);
            return (null, Problems.Forbidden($"The {SignatureHeader} header does not sign this request for {url}."));
        }

        return (form, null);
    }

    /// <summary>
    /// A repeated field reaches the validator as the library reads a form, its values joined by commas;
    /// Twilio's webhooks name each field once. The validator refuses to compare against no signature at all.
    /// </summary>
    private static bool IsSigned(RequestValidator validator, string url, TwilioForm form, string signature)
    {
        if (signature.Length == 0)
        {
            return false;
        }

        var fields = new NameValueCollection(StringComparer.Ordinal);
        foreach (var (name, value) in form.Fields)
        {
            fields.Add(name, value);
        }

        return validator.Validate(url, fields, signature);
    }

    public static IResult Twiml(TwiML response) => Results.Text(response.ToString(SaveOptions.DisableFormatting), TwimlType);

    private static IResult TooLarge() => Problems.Result(StatusCodes.Status413PayloadTooLarge, "Request too large",
        $"A Twilio webhook body may be at most {MaxBodyBytes} bytes.");
}
