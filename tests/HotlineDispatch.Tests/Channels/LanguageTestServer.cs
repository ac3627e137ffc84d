using System.Collections.Concurrent;
using System.Net;
using System.Text;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Channels;

/// <summary>
/// A stand-in Azure AI Language endpoint on 127.0.0.1: records every request exactly as it arrived and
/// answers with the responses queued, or with a reply built from the request.
/// </summary>
public sealed class LanguageTestServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Func<string, (int Status, string Body, string? RetryAfter)>> _answers = new();
    private readonly Task _loop;

    public LanguageTestServer()
    {
        Endpoint = $"http://127.0.0.1:{FreePorts.Next()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public string Endpoint { get; }

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public void Answer(int status, string body, string? retryAfter = null) => _answers.Enqueue(_ => (status, body, retryAfter));

    public void Answer(Func<string, string> okBody) => _answers.Enqueue(request => (200, okBody(request), null));

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue(new Recorded(
                context.Request.HttpMethod,
                context.Request.Url!.AbsolutePath,
                context.Request.Url.Query,
                context.Request.Headers["Ocp-Apim-Subscription-Key"],
                context.Request.ContentType,
                body));
            var (status, answer, retryAfter) = _answers.TryDequeue(out var next) ? next(body) : (500, "{}", null);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            if (retryAfter is not null)
            {
                context.Response.Headers["Retry-After"] = retryAfter;
            }

            var bytes = Encoding.UTF8.GetBytes(answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public sealed record Recorded(string Method, string Path, string Query, string? Key, string? ContentType, string Body);
}
