using System.Net;
using System.Text;
using HotlineDispatch.Channels.Outbox;
using HotlineDispatch.Channels.Twilio;
using Microsoft.Extensions.Time.Testing;

namespace HotlineDispatch.Tests.Channels;

/// <summary>
/// What the outbox makes of each answer the Twilio library gets, where the library's exceptions alone
/// would lose it: the status and Retry-After of an error that is not Twilio's JSON, a send taken whose
/// answer cannot be read, a refused connection, and a send cancelled in flight.
/// </summary>
public sealed class TwilioSmsSenderTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    private static readonly OutboundDelivery Delivery = new("row-1", "+8613900000000", "您的工单已办结。");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    private readonly List<HttpRequestMessage> _requests = [];

    private TwilioSmsSender Sender(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer,
        string apiBaseUrl = "https://api.twilio.com", string? publicBaseUrl = null, string? messagingServiceSid = null)
    {
        var settings = new TwilioSettings
        {
            AccountSid = AccountSid, AuthToken = "token", FromNumber = "+15005550006", MessagingServiceSid = messagingServiceSid, ApiBaseUrl = apiBaseUrl,
        };
        var provider = new Provider(async (request, cancellationToken) =>
        {
            _requests.Add(request);
            return await answer(request, cancellationToken);
        });
        return new TwilioSmsSender(() => new HttpClient(new TwilioApiBase(apiBaseUrl) { InnerHandler = provider }), settings, publicBaseUrl, _time);
    }

    private static Task<HttpResponseMessage> Answer(HttpStatusCode status, string body, string? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/html") };
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return Task.FromResult(response);
    }

    [Fact]
    public async Task A_send_goes_to_the_configured_api_base_with_the_messaging_service_and_without_a_callback_when_no_public_url_is_known()
    {
        var sender = Sender((_, _) => Answer(HttpStatusCode.Created, """{"sid":"SM1","status":"accepted"}"""),
            apiBaseUrl: "http://127.0.0.1:9/twilio/", messagingServiceSid: "MG0123456789abcdef0123456789abcdef");

        Assert.Equal(new SendOutcome.Sent("SM1", "accepted"), await sender.SendAsync(Delivery, CancellationToken.None));

        var request = Assert.Single(_requests);
        Assert.Equal($"http://127.0.0.1:9/twilio/2010-04-01/Accounts/{AccountSid}/Messages.json", request.RequestUri!.ToString());
        var form = await request.Content!.ReadAsStringAsync();
        Assert.Contains("MessagingServiceSid=MG0123456789abcdef0123456789abcdef", form);
        Assert.DoesNotContain("From=", form);
        Assert.DoesNotContain("StatusCallback=", form);
    }

    [Fact]
    public async Task A_server_error_page_is_retried_after_the_time_it_asks_for()
    {
        var sender = Sender((_, _) => Answer(HttpStatusCode.ServiceUnavailable, "<html>down for maintenance</html>", "120"));

        var retry = Assert.IsType<SendOutcome.Retry>(await sender.SendAsync(Delivery, CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(120), retry.After);
        Assert.StartsWith("503 ", retry.Error);
    }

    [Fact]
    public async Task Refused_credentials_are_retried_and_a_refused_message_is_not()
    {
        var unauthorized = Sender((_, _) => Answer(HttpStatusCode.Unauthorized, """{"code":20003,"message":"Authenticate","status":401}"""));
        var refused = Sender((_, _) => Answer(HttpStatusCode.BadRequest, """{"code":21211,"message":"The 'To' number is not a valid phone number.","status":400}"""));

        Assert.Equal(new SendOutcome.Retry(null, "401 20003: Authenticate"), await unauthorized.SendAsync(Delivery, CancellationToken.None));
        Assert.Equal(new SendOutcome.Failed("400 21211: The 'To' number is not a valid phone number."), await refused.SendAsync(Delivery, CancellationToken.None));
    }

    [Fact]
    public async Task A_message_twilio_took_is_sent_even_when_its_answer_cannot_be_read()
    {
        var sender = Sender((_, _) => Answer(HttpStatusCode.Created, "<html>not json</html>"));

        Assert.Equal(new SendOutcome.Sent(null, null), await sender.SendAsync(Delivery, CancellationToken.None));
    }

    [Fact]
    public async Task A_connection_never_made_is_retried_and_one_cut_off_is_unknown()
    {
        var refused = Sender((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        var cut = Sender((_, _) => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely"));

        Assert.IsType<SendOutcome.Retry>(await refused.SendAsync(Delivery, CancellationToken.None));
        Assert.IsType<SendOutcome.Unknown>(await cut.SendAsync(Delivery, CancellationToken.None));
    }

    [Fact]
    public async Task A_cancelled_send_is_abandoned_at_once_and_says_so()
    {
        var seen = new TaskCompletionSource<CancellationToken>();
        var sender = Sender(async (_, cancellationToken) =>
        {
            seen.SetResult(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("never answered");
        });
        using var stop = new CancellationTokenSource();

        var sending = sender.SendAsync(Delivery, stop.Token);
        var inFlight = await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(inFlight.IsCancellationRequested);
    }

    private sealed class Provider(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            answer(request, cancellationToken);
    }
}
