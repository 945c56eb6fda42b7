/**
 * Authentication that lets a request without credentials through: it sets the caller when the
 * request names one and turns no one away. Read from what a layer's name says (`optionalAuth`,
 * `OptionalJwtAuthGuard`, `AnonymousGuard`, passport's `anonymous` strategy in
 * `passport.authenticate(["bearer", "anonymous"])`) or what its options say (express-jwt's
 * `credentialsRequired: false`; `authRequired: false` of express-oauth2-jwt-bearer and
 * express-openid-connect). Such a layer authenticates no one by itself: what the route does with
 * an anonymous caller decides, which the name alone does not show.
 */
const OPTIONAL_NAME = /optional|(?<!(?:deny|block|reject|no|not|disallow|forbid|prevent)_?)anonymous|maybe_?auth|soft_?auth|allow_?anon/i;
const OPTIONAL_OPTION = /\b(?:credentialsRequired|authRequired)\s*:\s*false\b/;

/** Does a layer's name (`optionalAuth`, `new OptionalJwtAuthGuard()`, a strategy name) say it lets anonymous callers in? (`denyAnonymous` does not.) */
export const optionalAuthName = (name: string): boolean => OPTIONAL_NAME.test(name);

/** Do a layer's options (the source of its call's arguments) make credentials optional? */
export const optionalAuthOptions = (args: string): boolean => OPTIONAL_OPTION.test(args);

/** How a reason that names the layer in front of a route, which lets anonymous callers through, begins (after "HTTP MCP endpoint <path> "). */
const LAYER_LEAD = "has an authentication layer, ";

/** A reason for a layer that is in front of the route but lets a request without credentials through: `layer` names it, `how` says what it lets through and why. */
export const anonymousLayerReason = (layer: string, how: string): string => `${LAYER_LEAD}${layer}, that ${how}`;

/** Does an unknown route's reason name a layer in front of it (so not "no authentication layer in this file")? */
export const namesItsLayer = (reason: string): boolean => reason.startsWith(LAYER_LEAD);

/** Why a route behind such a layer is not known to be authenticated, naming it. */
export const optionalAuthReason = (layer: string): string =>
  anonymousLayerReason(`'${layer}'`, "lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it");
