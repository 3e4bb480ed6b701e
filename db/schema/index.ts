export * from "./users";
export * from "./settings";
export * from "./taxonomy";
export * from "./releases";
export * from "./publications";
export * from "./audit";
export * from "./media";
export * from "./comments";
