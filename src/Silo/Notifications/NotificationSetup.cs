using HotlineDispatch.Channels.Outbox;
using HotlineDispatch.Channels.WeCom;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Notifications;

public static class NotificationSetup
{
    private const string HttpClientName = "hotline-staff-robots";

    /// <summary>Staff contacts, the projection part and sweep that write their notices, and a sender for WeCom robot contacts.</summary>
    public static IServiceCollection AddHotlineNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var contacts = StaffContacts.From(configuration);
        services.AddSingleton(contacts);
        services.AddSingleton(configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions());
        services.AddSingleton<SqlStaffNotices>();
        services.AddSingleton<ITicketProjectionPart, StaffNoticeProjection>();
        services.AddHostedService<InboxWaitingSweep>();
        if (contacts.HasRobots)
        {
            services.AddHttpClient(HttpClientName);
            // The contact is the robot's webhook URL itself: staff robots need no settings beyond it.
            services.AddSingleton<IOutboundSender>(sp => new WeComRobotSender(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), webhook => webhook,
                sp.GetRequiredKeyedService<TimeProvider>(HotlineTime.Key), StaffContacts.RobotScheme));
        }

        return services;
    }
}
