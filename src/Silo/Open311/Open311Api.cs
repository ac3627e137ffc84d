using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HotlineDispatch.Channels.Http;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Silo.Open311;

/// <summary>
/// Open311 GeoReport v2 at <c>/open311/v2</c> (docs/channels.md): the departments as services, requests
/// posted with an API key from <c>Hotline:Open311:ApiKeys:{i}</c> becoming tickets of channel
/// <c>open311</c>, and those requests read back by id or by filter, in JSON or XML. Reading is open, as
/// GeoReport intends; it shows only requests that came in this way, never who reported them.
/// </summary>
public static class Open311Api
{
    private const int MaxDescription = 4000;
    private const int MaxResults = 1000;
    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(90);
    private static readonly Actor Client = new("open311", "open311");

    public sealed record ApiKeys(IReadOnlyList<byte[]> Hashes)
    {
        public bool Accepts(string? key) =>
            !string.IsNullOrEmpty(key)
            && Hashes.Any(h => CryptographicOperations.FixedTimeEquals(h, SHA256.HashData(Encoding.UTF8.GetBytes(key))));
    }

    public static IServiceCollection AddHotlineOpen311(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = configuration.GetSection("Hotline:Open311:ApiKeys").Get<string[]>() ?? [];
        for (var i = 0; i < keys.Length; i++)
        {
            ConfiguredSecret.Require($"Hotline:Open311:ApiKeys:{i}", keys[i]);
        }

        services.AddSingleton(new ApiKeys(keys.Where(k => k.Length > 0).Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToList()));
        services.AddSingleton<SqlOpen311Store>();
        services.AddSingleton<ITicketProjectionPart, Open311Projection>();
        return services;
    }

    public static RouteGroupBuilder MapOpen311Api(this IEndpointRouteBuilder routes)
    {
        // Every answer comes in the format the path names; refusals are the spec's error list, not problem details.
        var group = routes.MapGroup("/open311/v2")
            .WithMetadata(Errors(StatusCodes.Status400BadRequest), Errors(StatusCodes.Status404NotFound));

        group.MapGet("/services.{format}", (string format, DepartmentCatalog catalog) =>
            WithFormat(format, f => Open311Format.Services(catalog.All, f))).Answers<IReadOnlyList<Open311Service>>();

        group.MapGet("/services/{code}.{format}", (string code, string format, DepartmentCatalog catalog) =>
            WithFormat(format, f => catalog.Find(code) is { } department
                ? Open311Format.Definition(department, f)
                : Open311Format.Error(StatusCodes.Status404NotFound, $"No service has the code '{code}'; see services.{f}.", f)))
            .Answers<Open311Definition>();

        group.MapPost("/requests.{format}", Post).Answers<IReadOnlyList<Open311Receipt>>()
            .WithMetadata(Errors(StatusCodes.Status403Forbidden));
        group.MapGet("/requests.{format}", Find).Answers<IReadOnlyList<Open311Request>>();

        group.MapGet("/requests/{id}.{format}", async (string id, string format, SqlOpen311Store store, DepartmentCatalog catalog,
            SlaPolicy sla, CancellationToken cancellationToken) =>
        {
            var f = format.ToLowerInvariant();
            if (!Open311Format.IsKnown(f)) return UnknownFormat(f);
            var found = TicketNumbers.IsWellFormed(id)
                ? await store.FindAsync(new Open311Query([id], [], default, default, [], 1), cancellationToken)
                : [];
            return found.Count == 0
                ? Open311Format.Error(StatusCodes.Status404NotFound, $"No service request has the id '{id}'.", f)
                : Open311Format.Requests(found.Select(r => Local(Open311Record.Of(r.Posting, r.Ticket, catalog), sla.Calendar)), f);
        }).Answers<IReadOnlyList<Open311Request>>();

        return group;
    }

    private static readonly string[] Formats = ["application/json", "text/xml"];

    private static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder route) =>
        route.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), Formats));

    private static ProducesResponseTypeMetadata Errors(int status) => new(status, typeof(IReadOnlyList<Open311Error>), Formats);

    private static async Task<IResult> Post(string format, HttpContext http, ApiKeys keys, TicketIntake intake, SqlOpen311Store store,
        DepartmentCatalog catalog, [FromKeyedServices(HotlineTime.Key)] TimeProvider time)
    {
        var f = format.ToLowerInvariant();
        if (!Open311Format.IsKnown(f)) return UnknownFormat(f);
        if (!http.Request.HasFormContentType)
        {
            return Open311Format.Error(StatusCodes.Status400BadRequest, "Post the request as application/x-www-form-urlencoded fields.", f);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        string? Field(string name) =>
            form[name].FirstOrDefault() is { } value && ExternalText.Clean(value).Trim() is { Length: > 0 } clean ? clean : null;
        IResult Bad(string description) => Open311Format.Error(StatusCodes.Status400BadRequest, description, f);

        if (!keys.Accepts(Field("api_key")))
        {
            return Open311Format.Error(StatusCodes.Status403Forbidden, "api_key is missing or not valid.", f);
        }

        var code = Field("service_code");
        if (catalog.Find(code ?? "") is not { } service) return Bad($"service_code '{code}' is not a service; see services.{f}.");
        var lat = Field("lat");
        var lon = Field("long");
        var address = Field("address_string");
        double? latitude = null, longitude = null;
        if (lat is not null || lon is not null)
        {
            if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var la) || la is < -90 or > 90
                || !double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo) || lo is < -180 or > 180)
            {
                return Bad("lat and long must both be given, as decimal degrees (WGS84).");
            }

            (latitude, longitude) = (la, lo);
        }
        else if (address is null)
        {
            return Bad("A location is required: lat and long, or address_string.");
        }

        var description = Field("description");
        if (description is { Length: > MaxDescription }) return Bad($"description is longer than {MaxDescription} characters.");
        var media = Field("media_url");
        if (media is not null && !(Uri.TryCreate(media, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            return Bad("media_url must be an http or https URL.");
        }

        var name = string.Concat(Field("last_name"), Field("first_name"));
        var command = new AcceptTicket(TicketChannel.Open311, new Caller(name.Length == 0 ? null : name, Field("phone"), false),
            address ?? FormattableString.Invariant($"{latitude:0.######},{longitude:0.######}"), null,
            description ?? service.Name, TicketType.Help, false)
        {
            Attachments = media is null ? [] : [media],
        };

        // The posting row goes in first and whatever the client does: GET /requests only finds a request through
        // it, so a ticket accepted without one could never be looked up, and one left without a ticket shows nowhere.
        var number = await intake.ReserveNumberAsync();
        var requestedAt = time.GetUtcNow();
        await store.AddAsync(new Open311Posting(number, service.Code, latitude, longitude, media, description ?? "", requestedAt, requestedAt),
            CancellationToken.None);
        try
        {
            await intake.AcceptAsAsync(number, command, Client);
        }
        catch (TicketInputException e)
        {
            return Bad(e.Message);
        }

        return Open311Format.Created(number, $"已受理，工单编号 {number}，可凭编号查询办理进度。", f);
    }

    private static async Task<IResult> Find(string format, HttpContext http, SqlOpen311Store store, DepartmentCatalog catalog, SlaPolicy sla,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time)
    {
        var f = format.ToLowerInvariant();
        if (!Open311Format.IsKnown(f)) return UnknownFormat(f);
        var q = http.Request.Query;
        IReadOnlyList<string> List(string name) =>
            q[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        IResult Bad(string description) => Open311Format.Error(StatusCodes.Status400BadRequest, description, f);

        var end = time.GetUtcNow();
        if (q["end_date"].FirstOrDefault() is { } endText && !DateTimeOffset.TryParse(endText, CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
        {
            return Bad("end_date must be an ISO 8601 date-time, e.g. 2026-11-30T00:00:00+08:00.");
        }

        var start = end - DefaultPeriod;
        if (q["start_date"].FirstOrDefault() is { } startText && !DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            return Bad("start_date must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00+08:00.");
        }

        var states = new List<TicketState>();
        foreach (var status in List("status"))
        {
            if (status == "open") states.AddRange(Enum.GetValues<TicketState>().Except(Open311Record.ClosedStates));
            else if (status == "closed") states.AddRange(Open311Record.ClosedStates);
            else return Bad("status must be open, closed or both (open,closed).");
        }

        var ids = List("service_request_id").Where(TicketNumbers.IsWellFormed).ToList();
        var found = await store.FindAsync(new Open311Query(ids, List("service_code"), start, end, states.Distinct().ToList(), MaxResults),
            http.RequestAborted);
        return Open311Format.Requests(found.Select(r => Local(Open311Record.Of(r.Posting, r.Ticket, catalog), sla.Calendar)), f);
    }

    private static Open311Record Local(Open311Record r, WorkingCalendar calendar) => r with
    {
        RequestedAt = calendar.ToLocal(r.RequestedAt),
        UpdatedAt = calendar.ToLocal(r.UpdatedAt),
        ExpectedAt = r.ExpectedAt is { } expected ? calendar.ToLocal(expected) : null,
    };

    private static IResult WithFormat(string format, Func<string, IResult> answer)
    {
        var f = format.ToLowerInvariant();
        return Open311Format.IsKnown(f) ? answer(f) : UnknownFormat(f);
    }

    private static IResult UnknownFormat(string format) =>
        Open311Format.Error(StatusCodes.Status404NotFound, $"'{format}' is not a format here; use json or xml.", Open311Format.Json);
}
