import type { Catalogue } from './en.ts';

/**
 * Arabic, right to left, addressing the reader in the formal plural. Plurals use all six
 * categories (zero, one, two, few 3–10, many 11–99, other 100+). Placeholder values (Latin titles,
 * zones, times, links) are bidi-isolated by the formatter, never here.
 */
export const ar: Catalogue = {
  'time.meeting': '{time} {zone}',
  'time.viewer': '{time} بتوقيتكم المحلي ({zone})',
  'time.viewerShifted': '{time} بتوقيتكم المحلي ({zone}، {shift})',
  'time.both': '{meeting} · {viewer}',
  'time.dated': '{date}، {time}',
  'time.range': '{start}–{end}',
  'time.endpointShifted': '{time} ({shift})',
  'time.dayLater':
    '{days, plural, zero {اليوم نفسه} one {اليوم التالي} two {بعد يومين} few {بعد # أيام} many {بعد # يومًا} other {بعد # يوم}}',
  'time.dayEarlier':
    '{days, plural, zero {اليوم نفسه} one {اليوم السابق} two {قبل يومين} few {قبل # أيام} many {قبل # يومًا} other {قبل # يوم}}',

  'change.added': 'جلسة جديدة',
  'change.moved': 'تغيير الموعد',
  'change.changed': 'تحديث',
  'change.cancelled': 'إلغاء',
  'change.unfollowed': 'أُزيلت من تقويمكم',
  'change.restored': 'إعادة إدراج',
  'change.item': '{label}: {title}',
  'change.previously': 'الموعد السابق: {time}',
  'change.wasScheduled': 'الموعد المقرر سابقًا: {time}',
  'change.fields': 'التعديلات: {fields}',
  'field.session.title': 'العنوان',
  'field.session.kind': 'نوع الجلسة',
  'field.session.description': 'الوصف',
  'field.session.speakers': 'المتحدثون',
  'field.session.track': 'المسار',
  'field.session.location': 'المكان',
  'field.session.documents': 'الوثائق',

  'meeting.heading': 'تفاصيل الاجتماع',
  'meeting.changed': '{field}: {value}',
  'meeting.locationWithLink': '{name} — {url}',
  'field.meeting.title': 'العنوان',
  'field.meeting.description': 'الوصف',
  'field.meeting.location': 'المكان',
  'field.meeting.timeZone': 'المنطقة الزمنية',
  'field.meeting.documents': 'الوثائق',

  'digest.subject.published': 'نشر جدول الأعمال: {title}',
  'digest.subject.updated': 'تحديث جدول الأعمال ({label}): {title}',
  'digest.subject.cancelled': 'إلغاء الاجتماع: {title}',
  'digest.lead.published': 'نُشر جدول الأعمال ({label}، {date}).',
  'digest.lead.updated': 'صدرت نسخة جديدة من جدول الأعمال ({label}، {date}).',
  'digest.count.published':
    '{count, plural, zero {لا يتضمن جدول الأعمال أي جلسة.} one {يتضمن جدول الأعمال جلسة واحدة.} two {يتضمن جدول الأعمال جلستين.} few {يتضمن جدول الأعمال # جلسات.} many {يتضمن جدول الأعمال # جلسة.} other {يتضمن جدول الأعمال # جلسة.}}',
  'digest.count.updated':
    '{count, plural, zero {لم تتغير أي جلسة.} one {تغيّرت جلسة واحدة.} two {تغيّرت جلستان.} few {تغيّرت # جلسات.} many {تغيّرت # جلسة.} other {تغيّرت # جلسة.}}',
  'digest.note': 'ملاحظة من المنظمين: {note}',
  'digest.cancelled.heading': 'أُلغي هذا الاجتماع.',
  'digest.cancelled.text': 'لن يُعقد الاجتماع، وقد أُلغيت جميع جلساته؛ وتظهر الجلسات ملغاةً في التقاويم التي تتابع جدول الأعمال.',
  'digest.cancelled.reason': 'السبب المذكور: {reason}',
  'digest.zones.both': 'ترد الأوقات بحسب المنطقة الزمنية للاجتماع ({meetingZone}) وبحسب منطقتكم الزمنية ({viewerZone}).',
  'digest.zones.meeting': 'ترد الأوقات بحسب المنطقة الزمنية للاجتماع ({meetingZone}).',
  'digest.sessions.heading': 'الجلسات',

  'link.line': '{label}: {url}',
  'link.page': 'الاطلاع على جدول الأعمال',
  'link.feed': 'الاشتراك في التقويم',
  'link.manage': 'إدارة الإشعارات',
  'link.unsubscribe': 'إلغاء الاشتراك',
  'link.join': 'الانضمام عبر الإنترنت',
  'footer.digest': 'تصلكم هذه الرسالة لأنكم اشتركتم في إشعارات «{title}».',

  'reminder.subject': '{title}: البدء {when}',
  'reminder.line': '{title}: البدء {when} — {time}',
  'reminder.in.minutes':
    '{count, plural, zero {الآن} one {بعد دقيقة واحدة} two {بعد دقيقتين} few {بعد # دقائق} many {بعد # دقيقة} other {بعد # دقيقة}}',
  'reminder.in.hours':
    '{count, plural, zero {الآن} one {بعد ساعة واحدة} two {بعد ساعتين} few {بعد # ساعات} many {بعد # ساعة} other {بعد # ساعة}}',
  'reminder.in.days':
    '{count, plural, zero {اليوم} one {بعد يوم واحد} two {بعد يومين} few {بعد # أيام} many {بعد # يومًا} other {بعد # يوم}}',
  'reminder.location': 'المكان: {location}',
  'reminder.footer': 'يصلكم هذا التذكير بناءً على طلبكم عند الاشتراك في إشعارات «{title}».',

  'confirm.subject': 'يُرجى تأكيد اشتراككم: {title}',
  'confirm.intro':
    'طلبتم تلقي إشعارات بشأن «{title}»: تغييرات جدول الأعمال والتذكيرات، مع ذكر الأوقات بحسب منطقتكم الزمنية ({zone}).',
  'confirm.action': 'تأكيد الاشتراك',
  'confirm.ignore': 'إذا لم تطلبوا ذلك، فيُرجى تجاهل هذه الرسالة: لن يُرسل إليكم أي شيء دون تأكيدكم.',

  'page.requested.title': 'تحقّقوا من بريدكم الإلكتروني',
  'page.requested.text': 'لتلقي الإشعارات بشأن «{title}»، افتحوا رابط التأكيد في الرسالة التي أرسلناها إليكم للتو: لن يُرسل إليكم أي شيء قبل تأكيدكم.',
  'page.confirm.button': 'تأكيد',
  'page.confirmed.title': 'تم تأكيد الاشتراك',
  'page.confirmed.text': 'ستتلقون تغييرات جدول أعمال «{title}» والتذكيرات بجلساته، مع ذكر الأوقات بحسب منطقتكم الزمنية ({zone}).',
  'page.unsubscribe.text': 'هل تريدون إيقاف جميع الإشعارات والتذكيرات بشأن «{title}» في هذا الاشتراك، ومحو عنوانكم؟',
  'page.unsubscribed.title': 'تم إلغاء الاشتراك',
  'page.unsubscribed.text': 'لن تتلقوا أي شيء آخر بشأن «{title}» من هذا الاشتراك، وقد مُحي عنوانكم.',

  'invite.subject': '{label}: {title}',
  'invite.added': 'ندعوكم إلى حضور «{title}» ({meeting}).',
  'invite.moved': 'تغيّر موعد «{title}» ({meeting}).',
  'invite.changed': 'حُدِّثت تفاصيل «{title}» ({meeting}).',
  'invite.cancelled': 'تقرر إلغاء «{title}» ({meeting}).',
  'invite.restored': 'أُعيد إدراج «{title}» ({meeting}) في جدول الأعمال.',
  'invite.unfollowed': 'أُزيلت «{title}» ({meeting}) من تقويمكم بناءً على طلبكم، ولم تُلغَ الجلسة نفسها.',
  'invite.attached.request': 'تُحدِّث الدعوة المرفقة تقويمكم.',
  'invite.attached.cancel': 'تحذف الرسالة المرفقة هذه الجلسة من تقويمكم.',
};
