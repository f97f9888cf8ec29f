/** Drag and drop of conversations onto folders, the pinned section and the rest of the list. */
export const CONVERSATION_DRAG_TYPE = "application/x-v4chat-conversation";

export type DropTarget = { kind: "pinned" } | { kind: "folder"; folderId: string } | { kind: "unfiled" };

export function dragConversation(event: React.DragEvent, conversationId: string): void {
  event.dataTransfer.setData(CONVERSATION_DRAG_TYPE, conversationId);
  event.dataTransfer.effectAllowed = "move";
}

/** Drop-zone handlers for a section; `onDrop` gets the dragged conversation's id. */
export function dropZone(onDrop: (conversationId: string) => void, setOver: (over: boolean) => void) {
  const carries = (event: React.DragEvent) => event.dataTransfer.types.includes(CONVERSATION_DRAG_TYPE);
  return {
    onDragOver(event: React.DragEvent) {
      if (!carries(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      setOver(true);
    },
    onDragLeave(event: React.DragEvent) {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
    },
    onDrop(event: React.DragEvent) {
      setOver(false);
      const id = event.dataTransfer.getData(CONVERSATION_DRAG_TYPE);
      if (!id) return;
      event.preventDefault();
      onDrop(id);
    },
  };
}
