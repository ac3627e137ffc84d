using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HotlineDispatch.Bench.Load;

/// <summary>The public HTTP API (docs/api.md) as the bench drives it, signed in as the admin.</summary>
public sealed class TicketApi(HttpClient http)
{
    private const int PageSize = 500;

    /// <summary>Accepts a ticket, dispatched at once to <paramref name="lead"/> if given; returns its id once the silo answered 201.</summary>
    public async Task<string> CreateAsync(CitizenReport report, string? lead = null)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = report.Channel,
            caller = new { name = report.Name, phone = report.Phone, anonymous = false },
            address = report.Address,
            gridCell = report.GridCell,
            content = report.Content,
            type = report.Type,
            urgent = false,
            dispatch = lead is null ? null : new { lead, co = Array.Empty<string>() },
        });
        var body = await Success(response);
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>Dispatches to <paramref name="lead"/>; returns the ticket view.</summary>
    public async Task<JsonElement> DispatchAsync(string id, string lead)
    {
        using var response = await http.PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { lead, co = Array.Empty<string>() });
        return await Success(response);
    }

    public async Task SignAsync(string id, string department)
    {
        using var response = await http.PostAsJsonAsync($"/api/v1/tickets/{id}/sign", new { department });
        await Success(response);
    }

    /// <summary>The ticket view, or null for 404.</summary>
    public async Task<JsonElement?> GetAsync(string id)
    {
        using var response = await http.GetAsync($"/api/v1/tickets/{id}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return await Success(response);
    }

    /// <summary>Every summary the list returns, page by page, and the total it reports.</summary>
    public async Task<(IReadOnlyList<JsonElement> Items, int Total)> ListAllAsync()
    {
        var items = new List<JsonElement>();
        var total = 0;
        for (var page = 1; ; page++)
        {
            using var response = await http.GetAsync($"/api/v1/tickets?page={page}&pageSize={PageSize}");
            var body = await Success(response);
            total = body.GetProperty("total").GetInt32();
            var pageItems = body.GetProperty("items").EnumerateArray().ToList();
            items.AddRange(pageItems);
            if (pageItems.Count < PageSize)
            {
                return (items, total);
            }
        }
    }

    /// <summary>
    /// How many incidents (surges) the silo has detected, or null when it has no
    /// <c>GET /api/v1/incidents</c> at all.
    /// </summary>
    public async Task<int?> IncidentCountAsync()
    {
        using var response = await http.GetAsync("/api/v1/incidents?pageSize=1");
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            return null;
        }

        var body = await Success(response);
        return body.TryGetProperty("total", out var total) && total.ValueKind == JsonValueKind.Number ? total.GetInt32()
            : throw new InvalidOperationException($"GET /api/v1/incidents answered a shape the bench does not know: {body}");
    }

    private static async Task<JsonElement> Success(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiException(response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class ApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>What a client meets while a silo or its database is down: worth trying again later, with a new request.</summary>
    public bool IsOutage => (int)Status >= 500;
}
