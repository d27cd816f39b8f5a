/**
 * The interface's words, in French and English. The board's own language (lane labels, validator
 * messages, the report) comes from the board; these are the buttons and panels around it.
 */
import type { Language } from '@fire-triangle/shared';

const en = {
  'app.name': 'Fire Triangle',
  'app.tagline': 'A live board for strategy workshops: objective, strategy, plan, tactic.',
  'lang.switch': 'Français',
  'lang.switchTitle': 'Passer l’interface en français',
  'home.create': 'Create a board',
  'home.title': 'Board title',
  'home.titlePlaceholder': 'e.g. 2027 growth plan',
  'home.language': 'Board language',
  'home.template': 'Start from',
  'home.empty': 'An empty triangle',
  'home.creating': 'Creating…',
  'home.created': 'Your board is ready. Share these links:',
  'home.role.facilitator': 'Facilitator',
  'home.role.editor': 'Editor',
  'home.role.viewer': 'Viewer',
  'home.role.facilitator.hint': 'runs the workshop; keep this one for yourself',
  'home.role.editor.hint': 'for participants who add and move cards',
  'home.role.viewer.hint': 'watch live, cannot change anything',
  'home.copy': 'Copy',
  'home.copied': 'Copied',
  'home.open': 'Open the board',
  'home.recent': 'Recently opened',
  'home.error': 'Could not create the board: {error}',
  'name.title': 'What is your name?',
  'name.hint': 'Others see it next to your cursor. Asked once, remembered on this device.',
  'name.submit': 'Join the board',
  'name.change': 'Change my name',
  'board.loading': 'Opening the board…',
  'board.error.title': 'This board cannot be opened',
  'board.error.noToken':
    'This link has no access token. Ask the facilitator for the full share link (it ends in ?token=…).',
  'board.error.home': 'Back to the home page',
  'board.viewOnly': 'View only — you can watch the board live, but not change it.',
  'board.offlineInfo': 'Offline: showing the board as last saved on this device.',
  'role.facilitator': 'facilitator',
  'role.editor': 'editor',
  'role.viewer': 'viewer',
  'toolbar.newCard': 'New card',
  'toolbar.newCardIn': 'New card in {lane}',
  'toolbar.undo': 'Undo',
  'toolbar.redo': 'Redo',
  'toolbar.export': 'Export',
  'toolbar.exportPng': 'Image (PNG)',
  'toolbar.exportSvg': 'Image (SVG)',
  'toolbar.exportJson': 'Board file (JSON)',
  'toolbar.exportReport': 'Strategy report (Markdown)',
  'toolbar.import': 'Import a board file',
  'toolbar.importConfirm':
    'Importing replaces everything on this board for everyone (you can undo it). Continue?',
  'toolbar.fit': 'Fit the triangle',
  'toolbar.home': 'Home',
  'import.errorTitle': 'This file cannot be imported — nothing was changed',
  'import.done': 'Imported {cards} cards and {links} links.',
  'import.line': 'line {line}',
  'import.close': 'Close',
  'connection.connecting': 'Connecting…',
  'connection.connected': 'Connected',
  'connection.reconnecting': 'Reconnecting…',
  'connection.offline': 'Offline',
  'connection.closed': 'Disconnected',
  'connection.closedCode': 'the server closed the connection (code {code})',
  'connection.unsynced': '{count} unsynced edits kept on this device',
  'connection.unsyncedOne': '1 unsynced edit kept on this device',
  'connection.allSaved': 'all edits saved',
  'presence.title': 'Here now',
  'presence.you': 'you',
  'findings.title': 'Findings',
  'findings.none': 'No findings: every link serves the level above.',
  'findings.error': 'Errors',
  'findings.warning': 'Warnings',
  'findings.info': 'Suggestions',
  'findings.goTo': 'Show on the board',
  'findings.more': 'Show {count} more',
  'score.title': 'Alignment',
  'score.detail':
    '{tactics} of {tacticsTotal} tactics trace up to an objective; {objectives} of {objectivesTotal} objectives reach a tactic',
  'chain.title': 'Chain of the selected card',
  'chain.up': '{count} above',
  'chain.down': '{count} below',
  'card.untitled': 'Untitled',
  'card.edit': 'Edit',
  'card.delete': 'Delete',
  'card.done': 'Done',
  'card.title': 'Title',
  'card.body': 'Details',
  'card.kpi': 'KPI',
  'card.owner': 'Owner',
  'card.dueDate': 'Due',
  'card.budget': 'Budget',
  'card.findings': '{count} findings',
  'card.menu': 'Card menu',
  'link.broken': 'Broken link',
  'link.delete': 'Delete link',
  'link.refused.self': 'A card cannot serve itself.',
  'link.refused.duplicate': 'These two cards are already linked.',
  'link.refused.missing-card': 'That card was just deleted by someone else.',
  'keys.help': 'N new card in the lane under the pointer · Delete · arrows nudge · Ctrl+Z undo',
  // Data safety (issue #15): crashes, import confirmation, undo, findings, limits, notices.
  'crash.title': 'The board could not be drawn',
  'crash.safe':
    'Your board is safe: every change is kept on this device and sent to the server. Try again, reload the page, or download the board file to keep a copy.',
  'crash.part': 'This part of the page could not be shown. The rest of the board works.',
  'crash.retry': 'Try again',
  'crash.reload': 'Reload the page',
  'crash.export': 'Download the board file (JSON)',
  'crash.details': 'What went wrong',
  'import.confirmTitle': 'Replace this board with “{title}”?',
  'import.confirmReplaces':
    'Everything on the board now — {cards} cards, {links} links and the title “{current}” — is replaced by the file’s {newCards} cards and {newLinks} links.',
  'import.confirmEveryone':
    'Everyone on the board sees the change at once. One Undo brings the board back as it was.',
  'import.confirmYes': 'Replace the board',
  'import.confirmNo': 'Cancel',
  'import.untitled': 'untitled',
  'undo.kept':
    '“{card}” was kept: {names} has worked on it since. Only your own changes were undone.',
  'undo.keptMany':
    '{count} cards were kept: {names} has worked on them since. Only your own changes were undone.',
  'undo.skipped': 'Nothing of yours left to undo there: {names} has changed it since.',
  'undo.someone': 'someone else',
  'findings.deleteLink': 'Delete this link',
  'findings.gone': 'This is no longer on the board.',
  'limit.counter': '{count} / {max}',
  'limit.cut': '{field} stops at {max} characters: the rest was not added.',
  'limit.near': '{left} characters left',
  'limit.cards':
    'This board has reached its limit of {max} cards: delete cards before adding more.',
  'limit.links':
    'This board has reached its limit of {max} links: delete links before adding more.',
  'limit.boardBytes':
    'This board is full ({size} of {max}): nothing more can be added until cards are deleted. Download the board file to keep a copy.',
  'connection.retryReason': 'last answer: {reason}',
  'export.failed': 'The {format} export failed, nothing was downloaded: {error}',
  'notice.refused.server-only':
    'The server manages this part of the board; your change was undone.',
  'notice.refused.facilitator-only':
    'Only a facilitator can change the board’s settings or import a board; your change was undone.',
  'notice.refused.unattributable':
    'A change from this page could not be checked by the server and was undone; the page is catching up.',
} as const;

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  'app.name': 'Fire Triangle',
  'app.tagline':
    'Un tableau en direct pour vos ateliers de stratégie : objectif, stratégie, plan, tactique.',
  'lang.switch': 'English',
  'lang.switchTitle': 'Switch the interface to English',
  'home.create': 'Créer un tableau',
  'home.title': 'Titre du tableau',
  'home.titlePlaceholder': 'p. ex. Plan de croissance 2027',
  'home.language': 'Langue du tableau',
  'home.template': 'Partir de',
  'home.empty': 'Un triangle vide',
  'home.creating': 'Création…',
  'home.created': 'Votre tableau est prêt. Partagez ces liens :',
  'home.role.facilitator': 'Animateur',
  'home.role.editor': 'Participant',
  'home.role.viewer': 'Observateur',
  'home.role.facilitator.hint': 'anime l’atelier ; gardez ce lien pour vous',
  'home.role.editor.hint': 'pour les participants qui ajoutent et déplacent des cartes',
  'home.role.viewer.hint': 'suit en direct, ne peut rien modifier',
  'home.copy': 'Copier',
  'home.copied': 'Copié',
  'home.open': 'Ouvrir le tableau',
  'home.recent': 'Ouverts récemment',
  'home.error': 'Impossible de créer le tableau : {error}',
  'name.title': 'Quel est votre nom ?',
  'name.hint':
    'Les autres le voient à côté de votre curseur. Demandé une fois, retenu sur cet appareil.',
  'name.submit': 'Rejoindre le tableau',
  'name.change': 'Changer de nom',
  'board.loading': 'Ouverture du tableau…',
  'board.error.title': 'Ce tableau ne peut pas être ouvert',
  'board.error.noToken':
    'Ce lien n’a pas de jeton d’accès. Demandez à l’animateur le lien de partage complet (il se termine par ?token=…).',
  'board.error.home': 'Retour à l’accueil',
  'board.viewOnly': 'Lecture seule — vous suivez le tableau en direct, sans pouvoir le modifier.',
  'board.offlineInfo': 'Hors ligne : tableau tel qu’enregistré sur cet appareil.',
  'role.facilitator': 'animateur',
  'role.editor': 'participant',
  'role.viewer': 'observateur',
  'toolbar.newCard': 'Nouvelle carte',
  'toolbar.newCardIn': 'Nouvelle carte : {lane}',
  'toolbar.undo': 'Annuler',
  'toolbar.redo': 'Rétablir',
  'toolbar.export': 'Exporter',
  'toolbar.exportPng': 'Image (PNG)',
  'toolbar.exportSvg': 'Image (SVG)',
  'toolbar.exportJson': 'Fichier du tableau (JSON)',
  'toolbar.exportReport': 'Rapport de stratégie (Markdown)',
  'toolbar.import': 'Importer un fichier de tableau',
  'toolbar.importConfirm':
    'L’import remplace tout le contenu de ce tableau pour tout le monde (vous pourrez annuler). Continuer ?',
  'toolbar.fit': 'Recadrer sur le triangle',
  'toolbar.home': 'Accueil',
  'import.errorTitle': 'Ce fichier ne peut pas être importé — rien n’a été modifié',
  'import.done': '{cards} cartes et {links} liens importés.',
  'import.line': 'ligne {line}',
  'import.close': 'Fermer',
  'connection.connecting': 'Connexion…',
  'connection.connected': 'Connecté',
  'connection.reconnecting': 'Reconnexion…',
  'connection.offline': 'Hors ligne',
  'connection.closed': 'Déconnecté',
  'connection.closedCode': 'le serveur a fermé la connexion (code {code})',
  'connection.unsynced': '{count} modifications non synchronisées, gardées sur cet appareil',
  'connection.unsyncedOne': '1 modification non synchronisée, gardée sur cet appareil',
  'connection.allSaved': 'tout est enregistré',
  'presence.title': 'Présents',
  'presence.you': 'vous',
  'findings.title': 'Constats',
  'findings.none': 'Aucun constat : chaque lien sert le niveau supérieur.',
  'findings.error': 'Erreurs',
  'findings.warning': 'Avertissements',
  'findings.info': 'Suggestions',
  'findings.goTo': 'Montrer sur le tableau',
  'findings.more': 'Afficher {count} de plus',
  'score.title': 'Alignement',
  'score.detail':
    '{tactics} tactiques sur {tacticsTotal} remontent à un objectif ; {objectives} objectifs sur {objectivesTotal} descendent jusqu’à une tactique',
  'chain.title': 'Chaîne de la carte sélectionnée',
  'chain.up': '{count} au-dessus',
  'chain.down': '{count} en dessous',
  'card.untitled': 'Sans titre',
  'card.edit': 'Modifier',
  'card.delete': 'Supprimer',
  'card.done': 'Terminé',
  'card.title': 'Titre',
  'card.body': 'Détails',
  'card.kpi': 'KPI',
  'card.owner': 'Responsable',
  'card.dueDate': 'Échéance',
  'card.budget': 'Budget',
  'card.findings': '{count} constats',
  'card.menu': 'Menu de la carte',
  'link.broken': 'Lien cassé',
  'link.delete': 'Supprimer le lien',
  'link.refused.self': 'Une carte ne peut pas se servir elle-même.',
  'link.refused.duplicate': 'Ces deux cartes sont déjà liées.',
  'link.refused.missing-card': 'Cette carte vient d’être supprimée par quelqu’un d’autre.',
  'keys.help':
    'N nouvelle carte dans la bande sous le pointeur · Suppr · flèches pour déplacer · Ctrl+Z annuler',
  // Sûreté des données (issue #15) : pannes, confirmation d’import, annulation, constats, limites, avis.
  'crash.title': 'Le tableau n’a pas pu être affiché',
  'crash.safe':
    'Votre tableau est en sécurité : chaque modification est gardée sur cet appareil et envoyée au serveur. Réessayez, rechargez la page ou téléchargez le fichier du tableau pour en garder une copie.',
  'crash.part': 'Cette partie de la page n’a pas pu être affichée. Le reste du tableau fonctionne.',
  'crash.retry': 'Réessayer',
  'crash.reload': 'Recharger la page',
  'crash.export': 'Télécharger le fichier du tableau (JSON)',
  'crash.details': 'Ce qui s’est passé',
  'import.confirmTitle': 'Remplacer ce tableau par « {title} » ?',
  'import.confirmReplaces':
    'Tout le contenu actuel — {cards} cartes, {links} liens et le titre « {current} » — est remplacé par les {newCards} cartes et {newLinks} liens du fichier.',
  'import.confirmEveryone':
    'Tous les participants voient le changement aussitôt. Une seule annulation rétablit le tableau tel qu’il était.',
  'import.confirmYes': 'Remplacer le tableau',
  'import.confirmNo': 'Annuler',
  'import.untitled': 'sans titre',
  'undo.kept':
    '« {card} » a été gardée : {names} y a travaillé depuis. Seules vos propres modifications ont été annulées.',
  'undo.keptMany':
    '{count} cartes ont été gardées : {names} y a travaillé depuis. Seules vos propres modifications ont été annulées.',
  'undo.skipped': 'Plus rien à annuler de votre part ici : {names} l’a modifié depuis.',
  'undo.someone': 'quelqu’un d’autre',
  'findings.deleteLink': 'Supprimer ce lien',
  'findings.gone': 'Cet élément n’est plus sur le tableau.',
  'limit.counter': '{count} / {max}',
  'limit.cut': '{field} s’arrête à {max} caractères : la suite n’a pas été ajoutée.',
  'limit.near': 'encore {left} caractères',
  'limit.cards':
    'Ce tableau a atteint sa limite de {max} cartes : supprimez des cartes avant d’en ajouter.',
  'limit.links':
    'Ce tableau a atteint sa limite de {max} liens : supprimez des liens avant d’en ajouter.',
  'limit.boardBytes':
    'Ce tableau est plein ({size} sur {max}) : rien ne peut plus être ajouté tant que des cartes ne sont pas supprimées. Téléchargez le fichier du tableau pour en garder une copie.',
  'connection.retryReason': 'dernière réponse : {reason}',
  'export.failed': 'L’export {format} a échoué, rien n’a été téléchargé : {error}',
  'notice.refused.server-only':
    'Le serveur gère cette partie du tableau ; votre modification a été annulée.',
  'notice.refused.facilitator-only':
    'Seul un animateur peut modifier les réglages du tableau ou importer un tableau ; votre modification a été annulée.',
  'notice.refused.unattributable':
    'Une modification de cette page n’a pas pu être vérifiée par le serveur et a été annulée ; la page se remet à jour.',
};

export const MESSAGES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = {
  en,
  fr,
};

/**
 * The interface text for `key` in `language`, never throwing: a key the language lacks falls back
 * to the other language, and a key neither has (a role name some other client sent, a finding
 * rule from a newer server) to the key itself, so a missing word shows as its key instead of
 * blanking the page. Only own keys count (`constructor`, `__proto__` are not messages).
 */
export function translate(
  language: Language,
  key: string,
  values?: Record<string, string | number>,
): string {
  const other: Language = language === 'fr' ? 'en' : 'fr';
  for (const messages of [MESSAGES[language], MESSAGES[other]]) {
    if (Object.hasOwn(messages, key)) {
      const template = (messages as Record<string, unknown>)[key];
      if (typeof template === 'string') return format(template, values);
    }
  }
  return key;
}

/** Fills `{name}` placeholders. Unknown placeholders stay visible so a missing value is noticed. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The interface language for a browser language tag: French for any `fr-*`, English otherwise. */
export function languageFromBrowser(tag: string | undefined): Language {
  return tag?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
