import type { PageCatalogue } from './en.ts';

/**
 * Arabic, right to left, addressing the reader in the formal plural. Placeholder values (Latin
 * titles, zone ids, times, links) are bidi-isolated by the page, never here.
 */
export const ar: PageCatalogue = {
  'doc.title': '{title} – جدول الأعمال',
  'skip': 'الانتقال إلى البرنامج',
  'nav.language': 'اللغة',
  'header.kicker': 'جدول الأعمال',
  'header.version': '{label}، صدر في {date}',
  'header.location': 'المكان: {location}',
  'header.join': 'الانضمام عبر الإنترنت',
  'meeting.cancelled': 'أُلغي هذا الاجتماع، ولن تُعقد جلساته.',
  'about.heading': 'نبذة عن الاجتماع',
  'about.documents': 'وثائق المعلومات الأساسية',

  'zone.heading': 'المنطقة الزمنية',
  'zone.label': 'عرض الأوقات بحسب',
  'zone.submit': 'عرض',
  'client.zone.same': 'الأوقات بحسب المنطقة الزمنية للاجتماع: {zone}.',
  'client.zone.differs': 'تُعرض الأوقات بحسب المنطقة الزمنية للاجتماع ({meetingZone}) وبحسب {viewerZone}.',
  'client.zone.detected': 'تُستخدم المنطقة الزمنية لمتصفحكم: {zone}.',
  'client.dst': 'تتغير الساعة في {zone} يوم {date} ({from} ← {to})، بين اليوم وموعد الاجتماع. وقد رُوعي ذلك في الأوقات المعروضة.',
  'zone.unknown': '«{value}» ليست منطقة زمنية. يُرجى اختيار منطقة من القائمة.',
  'zone.suggestions': 'لعلكم تقصدون: {zones}.',

  'programme.heading': 'البرنامج',
  'programme.empty': 'لم تُحدَّد أي جلسة بعد.',
  'col.meeting': 'توقيت الاجتماع',
  'col.viewer': 'توقيتكم',
  'col.session': 'الجلسة',
  'session.cancelled': 'أُلغيت',
  'session.speakers': 'المتحدثون: {names}',
  'session.add': 'إضافة إلى التقويم',

  'subscribe.heading': 'إضافة جدول الأعمال إلى تقويمكم',
  'subscribe.intro': 'يتابع التقويم المشترك كل نسخة جديدة من جدول الأعمال.',
  'subscribe.webcal': 'الاشتراك في تطبيق التقويم',
  'subscribe.google': 'الإضافة إلى تقويم Google',
  'subscribe.outlook': 'الإضافة إلى Outlook',
  'subscribe.download': 'تنزيل ملف التقويم (.ics)',
  'subscribe.feed': 'عنوان الاشتراك، لتطبيقات التقويم الأخرى',

  'notify.heading': 'إشعاري بالتغييرات',
  'client.notify.intro': 'تلقوا رسالة بالبريد الإلكتروني عند تغيّر جدول الأعمال، وتذكيرًا قبل كل جلسة، مع الأوقات بحسب {zone}.',
  'notify.email': 'عنوان البريد الإلكتروني',
  'notify.submit': 'أشعروني',
  'client.notify.sending': 'جارٍ الإرسال…',
  'client.notify.sent': 'أوشكنا على الانتهاء: أُرسلت رسالة إلى {address}. يُرجى اتباع الرابط الوارد فيها للتأكيد.',
  'client.notify.failed': 'تعذّر إتمام الطلب: {reason}',
  'client.notify.unreachable': 'تعذّر الاتصال بخدمة الإشعارات. يُرجى المحاولة لاحقًا.',

  'history.heading': 'نسخ جدول الأعمال',
  'history.released': 'صدرت في {date}',
  'history.published':
    '{count, plural, zero {النشر الأول، دون أي جلسة بعد.} one {النشر الأول، ويتضمن جلسة واحدة.} two {النشر الأول، ويتضمن جلستين.} few {النشر الأول، ويتضمن # جلسات.} many {النشر الأول، ويتضمن # جلسة.} other {النشر الأول، ويتضمن # جلسة.}}',
  'history.cancelled': 'أُلغي الاجتماع.',
  'history.note': 'ملاحظة من المنظمين: {note}',
  'history.meeting': 'تغيّرت تفاصيل الاجتماع: {fields}',
  'history.latest': 'الأحدث',

  'error.not-found.title': 'جدول الأعمال غير موجود',
  'error.not-found.text': 'لم يُنشر أي جدول أعمال على هذا العنوان. تحقّق من الرابط الذي تلقّيته، أو اطلبه من المنظّمين.',
  'error.invalid.title': 'لا يمكن عرض هذا العنوان',
  'error.invalid.text': 'جزء من العنوان غير صالح، وتوضّح التفاصيل أدناه أيّ جزء. تحقّق من الرابط الذي تلقّيته.',
  'error.unavailable.title': 'لا يمكن عرض جدول الأعمال الآن',
  'error.unavailable.text': 'يُرجى المحاولة مرة أخرى بعد قليل.',
  'error.details': 'التفاصيل',

  'footer.json': 'بيانات جدول الأعمال (JSON)',
  'footer.feed': 'الاشتراك في التقويم (.ics)',
  'footer.rules': 'أوقات الجلسات محددة بحسب {zone}؛ وتُحسب المناطق الزمنية الأخرى وفق قواعد التوقيت السارية.',
};
